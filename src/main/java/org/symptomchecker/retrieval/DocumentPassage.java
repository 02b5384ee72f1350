package org.symptomchecker.retrieval;

/** One passage of a document as the index holds it, read in the document's order (for answers built of spans). */
public record DocumentPassage(String passageId, String documentId, String title, String url, String section, int ordinal,
                              String text) {
}
