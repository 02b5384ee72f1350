package org.symptomchecker.embedding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values kept by their exact text, at most a given number, the least recently used dropped first; safe across
 * threads. The texts live only in this process's memory. Used for the retrieval query's vectors, triage's message
 * windows and readings, the grounding check's passage sentences and the passages of recently read documents.
 */
public final class KeptByText<V> {

    private final int max;
    private final Map<String, V> values;

    /** At most {@code max} values (0: none is kept). */
    public KeptByText(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("a negative number of values to keep: " + max);
        }
        this.max = max;
        this.values = Collections.synchronizedMap(new LinkedHashMap<>(Math.min(max, 1024) + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KeptByText.this.max;
            }
        });
    }

    /** The value kept for a text (and it becomes the most recently used), or null. */
    public V get(String text) {
        return max == 0 ? null : values.get(text);
    }

    /** Whether a value is kept for a text (without using it). */
    public boolean contains(String text) {
        return max > 0 && values.containsKey(text);
    }

    /** Keeps a text's value, dropping the least recently used past the bound. */
    public void put(String text, V value) {
        if (max > 0) {
            values.put(text, value);
        }
    }
}
