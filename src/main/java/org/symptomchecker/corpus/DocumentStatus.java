package org.symptomchecker.corpus;

import java.util.Locale;
import java.util.Optional;

/** Editorial state of a document; only APPROVED documents are ever retrievable. */
public enum DocumentStatus {
    APPROVED, DRAFT, RETIRED;

    public static Optional<DocumentStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
