package org.symptomchecker.retrieval;

/** What the index holds of one passage of an approved document. */
public record IndexedPassage(String passageId, String documentId, String title, String url, String text, float[] vector) {
}
