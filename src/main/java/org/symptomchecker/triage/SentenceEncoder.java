package org.symptomchecker.triage;

import java.util.List;

/**
 * Turns short texts into unit vectors for the semantic red-flag net (the service uses the in-process
 * bge-small model). The same text must always give the same vector.
 */
public interface SentenceEncoder {

    /** Vectors for exemplars, in order (may run in parallel: used when a rule set loads). */
    List<float[]> encodeAll(List<String> texts);

    /** One vector for a window of a message, as fast as possible (used on every turn). */
    float[] encode(String text);

    /** Vectors for the windows of one message, in order, as fast as possible (side by side where it can). */
    default List<float[]> encodeWindows(List<String> texts) {
        return texts.stream().map(this::encode).toList();
    }

    /** Names the model and its settings: cached vectors of another model are never reused. */
    String modelId();
}
