package org.symptomchecker.retrieval;

import java.util.Locale;
import java.util.Optional;

/** Which retrieval to run: both fused (the default), or one alone for evaluation. */
public enum SearchMode {
    HYBRID, BM25, VECTOR;

    public static Optional<SearchMode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(HYBRID);
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
