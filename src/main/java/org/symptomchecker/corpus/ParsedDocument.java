package org.symptomchecker.corpus;

import java.util.List;

/** A document as read from an import file, before it is stored. */
public record ParsedDocument(
        String id,
        String title,
        String text,
        String url,
        String source,
        DocumentStatus status,
        String reviewedBy,
        String reviewedOn,
        List<String> topics,
        int line) {
}
