package org.symptomchecker.triage;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.metrics.TurnMetrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every safety event: sentences dropped and replies replaced by the output check, routed replies. Each is
 * also a meter: {@code symptom.guardrail.events} by event and rule, and a model's fallback
 * ({@code llm.fallback.<why>}) {@code symptom.model.fallbacks} by reason.
 */
@ApplicationScoped
public class SafetyCounters {

    private static final String FALLBACK = "llm.fallback.";

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final TurnMetrics metrics;

    public SafetyCounters(TurnMetrics metrics) {
        this.metrics = metrics;
    }

    /** Counts an event of a person's turn; a console preview or evaluation (a content lens on) counts nothing. */
    public void count(String event) {
        count(event, null);
    }

    /** Counts an event and the red-flag rule behind it (null: none), as {@link #count(String)}. */
    public void count(String event, String rule) {
        if (org.symptomchecker.content.ContentLens.current() != null) {
            return;
        }
        counts.computeIfAbsent(event, k -> new AtomicLong()).incrementAndGet();
        if (event.startsWith(FALLBACK)) {
            metrics.modelFallback(event.substring(FALLBACK.length()));
        } else if (!event.startsWith("llm.fallback") && !event.equals("llm.answered")) {
            metrics.guardrailEvent(event, rule);
        }
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
