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
            "i am", "he does", "she does", "y", "ok yes", "a lot", "slightly", "only when", "once", "twice", "one accident",
            "a couple of times", "a few times");

    /** Words people put before their yes or no. */
    private static final java.util.Set<String> OPENERS = java.util.Set.of("actually", "well", "um", "umm", "erm", "er", "uh",
            "hmm", "hm", "oh", "ah", "so", "honestly", "tbh", "haha", "lol", "ugh", "urgh", "uhh", "ahh", "oof", "eh", "gosh", "omg",
            "wait", "hmmm", "errr", "ummm");

    /** Phrases people put before their yes or no, word by word. */
    private static final List<String[]> OPENING_PHRASES = java.util.stream.Stream.of("now you mention it", "now that you mention it",
            "now you ask", "now that you ask", "now you say it", "now you say that", "now i think about it",
            "now that i think about it", "come to mention it", "come to think of it", "thinking about it", "to be honest", "if im honest")
            .map(p -> p.split(" ")).toList();

    private AnswerReader() {
    }

    public static Answer read(String reply) {
        NormalizedText text = NormalizedText.of(reply);
        if (text.sentences.isEmpty()) {
            return Answer.OTHER;
        }
        String[] words = text.sentences.get(0).words();
        int from = 0;
        boolean moved = true;
        while (moved && from < words.length - 1) {
            moved = false;
            if (OPENERS.contains(words[from])) {
                from++; // "actually yes", "well no", "um yeah"
                moved = true;
            }
            for (String[] p : OPENING_PHRASES) {
                if (from + p.length < words.length && java.util.Arrays.equals(p, java.util.Arrays.copyOfRange(words, from, from + p.length))) {
                    from += p.length; // "now you mention it yeah", "come to think of it, yes"
                    moved = true;
                }
            }
        }
        String first = " " + String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length)) + " ";
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

    private static final java.util.regex.Pattern STATED_AGE = java.util.regex.Pattern.compile(
            "(?i)(?:\\b(?:i'?m|i am|im|aged?|age is|(?:dad|mum|mom|husband|wife|partner|grandad|grandpa|nan|gran|granny|son|daughter|boy|girl|brother|sister|he|she)(?:'?s| is))\\s+(\\d{1,3})\\b(?!\\s*(?:weeks?|wks?|months?|days?|%|kg|lbs?|mg|cm|kilos?|stone|hours?|hrs?|am|pm|minutes?|mins?|times?|x)\\b)"
                    + "|^\\s*(\\d{1,3})\\s*(?:m|f|here|yo|y/o|yrs?\\s*old|years?\\s*old|yr old|year old)\\b"
                    + "|\\b(?:a|an)\\s+(\\d{1,3})[- ](?:year|yr)[- ]old\\s+(?:man|woman|male|female|gentleman|lady)\\b"
                    + "|\\b(?:my|our|his|her|their)\\s+(\\d{1,3})\\s*[- ]?(?:yo|y/o|yrs?[- ]old|years?[- ]old)\\b)");

    /**
     * An age the person states about the one with the symptom ("I'm 72", "58 here", "52M", "a 45-year-old
     * woman", "my 20 yo son"), or null.
     */
    public static Integer statedAge(String text) {
        java.util.regex.Matcher m = STATED_AGE.matcher(text == null ? "" : text);
        if (!m.find()) {
            return null;
        }
        String digits = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        int n = Integer.parseInt(digits);
        if (m.group(4) != null && n < 20) {
            return null; // "lifting my 2 year old": a child named this way is often not the patient (child_or_teen reads the rest)
        }
        return n >= 1 && n <= 120 ? n : null;
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
