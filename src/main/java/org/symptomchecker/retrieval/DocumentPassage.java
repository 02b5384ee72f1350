package org.symptomchecker.retrieval;

import java.util.Set;

/**
 * One passage of a document as the index holds it, read in the document's order (for answers built of spans), with
 * its cosine similarity to the question when one was given (NaN otherwise), and which of the terms asked about its
 * text holds (empty when none were asked; see {@link PassageIndex#passagesOf(String, float[], Set)}).
 */
public record DocumentPassage(String passageId, String documentId, String title, String url, String section, int ordinal,
                              String text, float similarity, Set<String> heldTerms) {
}
