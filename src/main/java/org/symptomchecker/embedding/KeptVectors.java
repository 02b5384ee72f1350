package org.symptomchecker.embedding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Vectors kept by their exact text, at most a given number, the least recently used dropped first; safe across
 * threads. The texts live only in this process's memory. Used for the retrieval query's vectors, triage's message
 * windows and the grounding check's passage sentences.
 */
public final class KeptVectors {

    private final int max;
    private final Map<String, float[]> vectors;

    /** At most {@code max} vectors (0: none is kept). */
    public KeptVectors(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("a negative number of vectors to keep: " + max);
        }
        this.max = max;
        this.vectors = Collections.synchronizedMap(new LinkedHashMap<>(Math.min(max, 1024) + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > KeptVectors.this.max;
            }
        });
    }

    /** The vector kept for a text (and it becomes the most recently used), or null. */
    public float[] get(String text) {
        return max == 0 ? null : vectors.get(text);
    }

    /** Whether a vector is kept for a text (without using it). */
    public boolean contains(String text) {
        return max > 0 && vectors.containsKey(text);
    }

    /** Keeps a text's vector, dropping the least recently used past the bound. */
    public void put(String text, float[] vector) {
        if (max > 0) {
            vectors.put(text, vector);
        }
    }
}
