package org.symptomchecker.triage;

import java.util.List;
import java.util.Set;

/**
 * Reads a short reply to a yes/no question the service asked ("nope", "yeah a bit", "dunno") and an age
 * stated in passing, with the phrases of guardrails/readings.yaml ({@code answers}, {@code age}).
 */
public final class AnswerReader {

    /** What a reply says to the question. */
    public enum Answer { YES, NO, UNSURE, OTHER }

    /**
     * The readings the entry points without a rule set use: those of the rule set {@link Guardrails} has in
     * use, set at start-up and on every reload, so the interview reads answers as triage does.
     */
    private static volatile Readings inUse;

    private AnswerReader() {
    }

    /** Puts a rule set's readings in use for the entry points without a rule set. */
    static void use(RuleSet rules) {
        inUse = rules.readings();
    }

    private static Readings inUse() {
        Readings r = inUse;
        if (r == null) {
            throw new IllegalStateException("no guardrails rule set is in use yet: pass a rule set to AnswerReader");
        }
        return r;
    }

    /** A reply as the rule set in use reads it. */
    public static Answer read(String reply) {
        return read(inUse(), reply);
    }

    /** A reply as {@code rules} reads it. */
    public static Answer read(RuleSet rules, String reply) {
        return read(rules.readings(), reply);
    }

    private static Answer read(Readings r, String reply) {
        Set<String> openers = r.words(Readings.Section.ANSWER_OPENERS);
        List<String[]> openingPhrases = r.phraseWords(Readings.Section.ANSWER_OPENING_PHRASES);
        NormalizedText text = NormalizedText.of(reply);
        if (text.sentences.isEmpty()) {
            return Answer.OTHER;
        }
        String[] words = text.sentences.get(0).words();
        int from = 0;
        boolean moved = true;
        while (moved && from < words.length - 1) {
            moved = false;
            if (openers.contains(words[from])) {
                from++; // "actually yes", "well no", "um yeah"
                moved = true;
            }
            for (String[] p : openingPhrases) {
                if (from + p.length < words.length && java.util.Arrays.equals(p, java.util.Arrays.copyOfRange(words, from, from + p.length))) {
                    from += p.length; // "now you mention it yeah", "come to think of it, yes"
                    moved = true;
                }
            }
        }
        String first = " " + String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length)) + " ";
        if (r.anyIn(Readings.Section.ANSWER_UNSURE, first)) {
            return Answer.UNSURE;
        }
        if (startsWithAny(first, r.phrases(Readings.Section.ANSWER_NO))) {
            return Answer.NO;
        }
        if (startsWithAny(first, r.phrases(Readings.Section.ANSWER_YES))) {
            return Answer.YES;
        }
        return Answer.OTHER;
    }

    /** A number in a reply to "How old ...?", with its unit if it has one ("7 weeks", "18 months"). */
    private static final java.util.regex.Pattern AGE_NUMBER = java.util.regex.Pattern.compile(
            "(?i)\\b(\\d{1,3})\\s*(weeks?|wks?|days?|months?|mths?|mnths?)?\\b");

    /** Whether a reply gives an age in weeks, days or months ("7 weeks", "10 days") rather than in years. */
    static boolean ageInUnits(String reply) {
        java.util.regex.Matcher m = AGE_NUMBER.matcher(reply == null ? "" : reply);
        return m.find() && m.group(2) != null && !reply.toLowerCase(java.util.Locale.ROOT).contains(" old");
    }

    /** A whole number of years in a reply, such as an age: "I'm 67", "67", "about 40", "7 weeks" (0). */
    static Integer number(String reply) {
        java.util.regex.Matcher m = AGE_NUMBER.matcher(reply == null ? "" : reply);
        if (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (m.group(2) != null) {
                return m.group(2).startsWith("m") ? n / 12 : 0; // "7 weeks", "10 days": under a year; "18 months": 1
            }
            return n <= 130 ? n : null;
        }
        return null;
    }

    /**
     * An age the person states about the one with the symptom ("I'm 72", "58 here", "52M", "a 45-year-old
     * woman", "my 20 yo son"), or null, as the rule set in use reads it.
     */
    public static Integer statedAge(String text) {
        return statedAge(inUse(), text);
    }

    /** An age the person states about the one with the symptom, as {@code rules} reads it (readings.yaml's age), or null. */
    public static Integer statedAge(RuleSet rules, String text) {
        return statedAge(rules.readings(), text);
    }

    private static Integer statedAge(Readings r, String text) {
        if (text == null || text.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            return null; // every alternative reads its age as digits: a text without one states none (and costs no regex)
        }
        java.util.regex.Matcher m = r.statedAge().matcher(text);
        if (!m.find()) {
            return null;
        }
        int group = 1;
        while (group < m.groupCount() && m.group(group) == null) {
            group++; // each alternative has one group: the one that matched holds the digits
        }
        if (m.group(group) == null) {
            return null;
        }
        int n = Integer.parseInt(m.group(group));
        if (r.namedPersonAge(group) && n < 20) {
            return null; // "lifting my 2 year old": a child named this way is often not the patient (child_or_teen reads the rest)
        }
        return n >= 1 && n <= 120 ? n : null;
    }

    /** Whether a reply reads as yes, no or unsure (for the interview), as the rule set in use reads it. */
    public static String kind(String reply) {
        return read(reply).name();
    }

    /** Whether a reply reads as yes, no or unsure, as {@code rules} reads it. */
    public static String kind(RuleSet rules, String reply) {
        return read(rules, reply).name();
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
