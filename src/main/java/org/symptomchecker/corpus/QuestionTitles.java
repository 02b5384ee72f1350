package org.symptomchecker.corpus;

/**
 * Which documents are question-answer pairs whose title is the question asked: every MedQuAD pair (some of its
 * questions, "Do you have information about X", end without a question mark), and any other document whose title
 * ends with "?". Such a document's title question is embedded alone and matched against the person's question.
 */
public final class QuestionTitles {

    /** The source prefix {@link MedQuadDocumentParser} gives its documents. */
    static final String MEDQUAD_SOURCE = "MedQuAD/";

    private QuestionTitles() {
    }

    public static boolean isQuestion(String title, String source) {
        if (title == null || title.isBlank()) {
            return false;
        }
        return title.strip().endsWith("?") || (source != null && source.startsWith(MEDQUAD_SOURCE));
    }
}
