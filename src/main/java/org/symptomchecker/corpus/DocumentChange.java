package org.symptomchecker.corpus;

import java.util.List;

/**
 * A document as the index must now show it: its status, and its passages when approved, each with the heading of
 * the section it stands under ({@code sections}, one per passage, "" where none). {@code question} is its title when
 * it is a question-answer document ({@link QuestionTitles}), else null; {@code questionEmbedding} that question's
 * stored vector, null when it has none yet (a document stored before question vectors were kept).
 */
public record DocumentChange(String id, String title, String url, DocumentStatus status, long changeSeq,
                             List<Passage> passages, List<String> sections, String question, byte[] questionEmbedding) {
}
