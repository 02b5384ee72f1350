package org.symptomchecker.metrics;

import java.util.Locale;

/** The timed (and traced) stages of a turn. */
public enum Stage {
    /** The new message read into the conversation's triage state. */
    TRIAGE,
    /** The search for vetted passages (embedding, BM25, vectors). */
    RETRIEVAL,
    /** The answer from vetted content: retrieval, the extractive answer and a model's phrasing. */
    ANSWER,
    /** The turn's record written to the conversation store. */
    STORE;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The stage's tag value and span name. */
    public String tag() {
        return tag;
    }
}
