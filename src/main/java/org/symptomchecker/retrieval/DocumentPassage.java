package org.symptomchecker.retrieval;

/**
 * One passage of a document as the index holds it, read in the document's order (for answers built of spans), with
 * its cosine similarity to the question when one was given (NaN otherwise).
 */
public record DocumentPassage(String passageId, String documentId, String title, String url, String section, int ordinal,
                              String text, float similarity) {
}
