package org.symptomchecker.triage;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts every safety event: sentences dropped and replies replaced by the output check, routed replies. */
@ApplicationScoped
public class SafetyCounters {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** Counts an event of a person's turn; a console preview or evaluation (a content lens on) counts nothing. */
    public void count(String event) {
        if (org.symptomchecker.content.ContentLens.current() != null) {
            return;
        }
        counts.computeIfAbsent(event, k -> new AtomicLong()).incrementAndGet();
    }

    public long get(String event) {
        AtomicLong c = counts.get(event);
        return c == null ? 0 : c.get();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
