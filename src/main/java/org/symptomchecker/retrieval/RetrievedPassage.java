package org.symptomchecker.retrieval;

/**
 * A document found for a query, represented by its best passage. {@code score} is the ranking score of
 * the mode used; {@code similarity} is the cosine similarity of that passage to the query.
 */
public record RetrievedPassage(
        String documentId,
        String passageId,
        String title,
        String url,
        String text,
        double score,
        float similarity) {
}
