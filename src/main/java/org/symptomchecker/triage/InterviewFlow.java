package org.symptomchecker.triage;

import java.util.List;

/**
 * A screening interview for one complaint area, as the content team wrote it in guardrails/interviews/:
 * how it is recognised, its questions in order of importance, and what vetted content ends it.
 */
public record InterviewFlow(String id, String title, List<String> recognise, boolean fallback, String answerQuery,
                            int maxQuestions, List<Question> questions, int line) {

    /** The special concept of a question that asks the person's age. */
    public static final String AGE = "age";
    /** The special concept of a question that asks how long the complaint has gone on. */
    public static final String DURATION = "duration";
    /** The special concept of a question that asks which side the complaint is on. */
    public static final String SIDE = "side";
    /**
     * Facts rather than concepts: a question about one is not asked when the person already stated it, and a
     * reply that states one instead of answering another question is taken for it (that question is asked again).
     */
    public static final java.util.Set<String> FACTS = java.util.Set.of(AGE, DURATION, SIDE);

    /** One screening question and the concept it screens. */
    public record Question(String concept, boolean emergency, Type type, String text, String plain, String why,
                           String warning, List<String> options, List<String> flagOptions) {

        /**
         * For a choice question: true when the reply picks an option that means the concept is present,
         * false when it picks another option, null when it picks none (then it is read as yes/no/unsure).
         */
        public Boolean choiceFlags(String reply) {
            if (type != Type.CHOICE) {
                return null;
            }
            String r = reply.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 ]", " ").strip();
            for (String option : options) {
                String o = option.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 ]", " ").strip();
                if (o.startsWith("not sure")) {
                    continue;
                }
                if (r.contains(o) || r.startsWith(o.split(" ")[0] + " ") || r.equals(o.split(" ")[0])) {
                    return flagOptions.contains(option);
                }
            }
            return null;
        }
    }

    /** The kind of answer a question expects. */
    public enum Type { YES_NO, NUMBER, CHOICE }
}
