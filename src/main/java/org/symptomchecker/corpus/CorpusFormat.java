package org.symptomchecker.corpus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The import formats, recognised by file extension. */
public enum CorpusFormat {
    MARKDOWN, JSON_LINES, MEDQUAD_XML;

    public static Optional<CorpusFormat> of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".md")) {
            return Optional.of(MARKDOWN);
        }
        if (name.endsWith(".jsonl")) {
            return Optional.of(JSON_LINES);
        }
        if (name.endsWith(".xml")) {
            return Optional.of(MEDQUAD_XML);
        }
        return Optional.empty();
    }
}
