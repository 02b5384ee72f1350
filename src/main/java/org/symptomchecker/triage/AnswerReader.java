package org.symptomchecker.triage;

import java.util.List;

/** Reads a short reply to a yes/no question the service asked: "nope", "yeah a bit", "dunno". */
public final class AnswerReader {

    /** What a reply says to the question. */
    public enum Answer { YES, NO, UNSURE, OTHER }

    private static final List<String> UNSURE = List.of("dunno", "not sure", "dont know", "no idea", "unsure", "maybe",
            "possibly", "not certain", "cant tell", "cant say", "idk", "perhaps");
    private static final List<String> NO = List.of("no", "nope", "nah", "not really", "none", "never", "not at all",
            "i dont", "dont think so", "negative", "nothing", "na", "no i dont", "not that i know");
    private static final List<String> YES = List.of("yes", "yeah", "yep", "yup", "ya", "yea", "aye", "a bit", "a little",
            "sometimes", "kind of", "kinda", "sort of", "definitely", "correct", "true", "it does", "i do", "i have",
            "i am", "he does", "she does", "y", "ok yes", "a lot", "slightly", "only when");

    private AnswerReader() {
    }

    public static Answer read(String reply) {
        NormalizedText text = NormalizedText.of(reply);
        if (text.sentences.isEmpty()) {
            return Answer.OTHER;
        }
        String[] words = text.sentences.get(0).words();
        String first = " " + String.join(" ", words) + " ";
        if (UNSURE.stream().anyMatch(p -> first.contains(" " + p + " "))) {
            return Answer.UNSURE;
        }
        if (startsWithAny(first, NO)) {
            return Answer.NO;
        }
        if (startsWithAny(first, YES)) {
            return Answer.YES;
        }
        return Answer.OTHER;
    }

    /** A whole number in a reply, such as an age: "I'm 67", "67", "about 40". */
    static Integer number(String reply) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(\\d{1,3})\\b").matcher(reply == null ? "" : reply);
        if (m.find()) {
            int n = Integer.parseInt(m.group(1));
            return n <= 130 ? n : null;
        }
        return null;
    }

    /** Whether a reply reads as yes, no or unsure (for the interview). */
    public static String kind(String reply) {
        return read(reply).name();
    }

    private static boolean startsWithAny(String padded, List<String> phrases) {
        for (String p : phrases) {
            if (padded.startsWith(" " + p + " ")) {
                return true;
            }
        }
        return false;
    }
}
