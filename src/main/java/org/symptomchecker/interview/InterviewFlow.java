package org.symptomchecker.interview;

import java.util.List;

/**
 * A screening interview for one complaint area, as the content team wrote it in guardrails/interviews/:
 * how it is recognised, its questions in order of importance, and what vetted content ends it.
 */
public record InterviewFlow(String id, String title, List<String> recognise, boolean fallback, String answerQuery,
                            int maxQuestions, List<Question> questions, int line) {

    /** The special concept of a question that asks the person's age. */
    public static final String AGE = "age";

    /** One screening question and the concept it screens. */
    public record Question(String concept, boolean emergency, Type type, String text, String plain, String why,
                           String warning, List<String> options) {
    }

    /** The kind of answer a question expects. */
    public enum Type { YES_NO, NUMBER }
}
