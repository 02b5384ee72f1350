package org.symptomchecker.retrieval;

/**
 * What the index holds of one passage of an approved document: its place in the document ({@code ordinal}) and the
 * heading of the section it stands under ({@code section}, empty when the document has none). The first passage of a
 * question-answer document also carries the vector of the document's title question ({@code questionVector}, null
 * on every other passage).
 */
public record IndexedPassage(String passageId, String documentId, String title, String url, String section, int ordinal,
                             String text, float[] vector, float[] questionVector) {
}
