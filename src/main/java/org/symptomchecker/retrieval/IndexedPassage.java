package org.symptomchecker.retrieval;

/**
 * What the index holds of one passage of an approved document: its place in the document ({@code ordinal}) and the
 * heading of the section it stands under ({@code section}, empty when the document has none).
 */
public record IndexedPassage(String passageId, String documentId, String title, String url, String section, int ordinal,
                             String text, float[] vector) {
}
