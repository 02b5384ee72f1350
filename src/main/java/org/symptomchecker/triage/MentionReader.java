package org.symptomchecker.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds concept mentions in one message and judges each in its clause: negated (NegEx-style triggers
 * before or right after it), history (dated more than 48 hours back), hypothetical (a condition or an
 * information question), or current.
 */
final class MentionReader {

    /** A concept found in a message, with the words it was found in and how it was meant. */
    record Mention(String concept, String text, MentionStatus status) {
    }

    private static final int NEGATION_WINDOW = 6;
    private static final int HISTORY_REACH = 4;
    private static final Set<String> QUESTION_WORDS = Set.of("what", "whats", "how", "is", "are", "can", "could", "does", "do",
            "should", "would", "why", "when", "which", "who", "will", "any", "anything");
    private static final Set<String> NEGATIONS = Set.of("no", "not", "never", "without", "denies", "denied", "deny",
            "dont", "doesnt", "didnt", "havent", "hasnt", "hadnt", "isnt", "arent", "wasnt", "werent", "nor",
            "neither", "none", "nothing", "aint");
    private static final Set<String> POST_NEGATIONS = Set.of("none", "negative", "denied", "absent");
    /** Words after a negation that make it no negation at all: "not sure", "dont know", "no idea", "no better". */
    private static final Set<String> NOT_NEGATING_NEXT = Set.of("sure", "only", "know", "idea", "better", "improving",
            "getting", "stopping", "stop", "go", "going", "away", "helping", "help", "helped", "worse", "matter");
    /** A new subject ends a negation's reach: "no fever and i cant pee". */
    private static final Set<String> SUBJECTS = Set.of("i", "im", "ive", "id", "ill", "my", "he", "hes", "she", "shes",
            "they", "theyre", "his", "her", "their", "we", "our", "it", "its");
    private static final Set<String> RECENT = Set.of("now", "today", "tonight", "yesterday", "since", "this", "suddenly", "recently");
    private static final Set<String> SEGMENT_JOINS = Set.of("and", "then", "now", "so", "because", "since", "also", "plus", "while");
    private static final Set<String> POSSESSIVES = Set.of("my", "his", "her", "their", "our", "your");
    private static final Set<String> PERSONS = Set.of("i", "im", "ive", "id", "ill", "my", "me", "mine", "myself",
            "we", "our", "us", "he", "hes", "she", "shes", "his", "her", "him", "they", "their", "them", "theyre",
            "dad", "mum", "mom", "mother", "father", "son", "daughter", "wife", "husband", "partner", "friend",
            "baby", "child", "kid", "boy", "girl", "grandma", "grandad", "granddad", "nan", "brother", "sister");
    private static final List<String> CONDITIONALS = List.of("if", "what if", "in case", "incase", "were to", "whether",
            "should i get", "in the event");
    private static final List<String> INFORMATION = List.of("signs of", "sign of", "symptoms of", "symptom of",
            "what is", "whats", "what are", "what causes", "causes of", "cause of", "how do i know", "how do you know",
            "how can i tell", "how would i know", "how do i tell", "risk of", "risks of", "chance of", "chances of",
            "tell me about", "information about", "info about", "info on", "learn about", "explain", "difference between",
            "can you get", "can you catch", "is it normal", "prevent", "avoid", "what happens", "what does", "warning signs",
            "red flags", "when should", "when to");
    /** Words that say a person has something now, which an information question cannot undo. */
    private static final List<String> PRESENT = List.of("i have", "i got", "ive got", "ive had", "ive been", "im having",
            "im getting", "im in", "i am", "i cant", "i keep", "i feel", "i think i", "he has", "she has", "he cant",
            "she cant", "they have", "has been", "is having", "keeps", "right now", "at the moment", "currently");
    /** "started last week", "for the past 3 days": a dated start of something still going on is current. */
    private static final Pattern ONSET = Pattern.compile("\\b(started|start|began|begun|since|been|for\\s+the\\s+(last|past)|ongoing|still|keeps|getting)\\b");
    private static final Pattern HISTORY = Pattern.compile(
            "\\b((([3-9]|[1-9]\\d+|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|several|many|few)\\s+"
                    + "(days?|weeks?|wks?|months?|years?|yrs?))|(a|an|one|two)\\s+(weeks?|months?|years?|yrs?)"
                    + "|years|decades?)\\s+ago\\b"
                    + "|\\blast\\s+(week|month|year|summer|winter|spring|autumn|fall|christmas)\\b"
                    + "|\\bas\\s+a\\s+(child|kid|teen|teenager|baby|toddler)\\b"
                    + "|\\bwhen\\s+i\\s+was\\s+(young|younger|little|small|a\\s+kid|a\\s+child|pregnant)\\b"
                    + "|\\bin\\s+(19|20)\\d\\d\\b|\\bhistory\\s+of\\b|\\bused\\s+to\\b|\\bin\\s+the\\s+past\\b|\\bpreviously\\b|\\bback\\s+in\\b");

    private MentionReader() {
    }

    static List<Mention> read(RuleSet rules, NormalizedText text, Set<String> realWords) {
        List<Mention> out = new ArrayList<>();
        for (NormalizedText.Sentence s : text.sentences) {
            for (PatternMatcher.Hit hit : rules.matcher().find(s.words(), realWords)) {
                Concept concept = rules.concepts().get(hit.conceptId());
                out.add(new Mention(concept.id(), words(s, hit.start(), hit.end()), status(s, hit, concept)));
            }
        }
        return out;
    }

    private static MentionStatus status(NormalizedText.Sentence s, PatternMatcher.Hit hit, Concept concept) {
        String[] w = s.words();
        int clause = s.clause()[hit.start()];
        if (negatedBefore(s, hit.start(), clause) || negatedAfter(s, hit.end(), clause) || negatedWithin(s, hit)) {
            return MentionStatus.NEGATED;
        }
        String clauseText = " " + s.clauseText(clause) + " ";
        String dated = " " + around(s, hit) + " ";
        if (!concept.historyCounts() && HISTORY.matcher(dated).find() && !ONSET.matcher(dated).find()) {
            return MentionStatus.HISTORY;
        }
        String before = " " + words(s, segmentFrom(s, hit.start()), hit.start() - 1) + " ";
        boolean possessed = hit.start() > 0 && POSSESSIVES.contains(w[hit.start() - 1]);
        if (!possessed && CONDITIONALS.stream().anyMatch(t -> before.contains(" " + t + " "))) {
            return MentionStatus.HYPOTHETICAL;
        }
        boolean present = PRESENT.stream().anyMatch(p -> clauseText.contains(" " + p + " "));
        for (String trigger : INFORMATION) {
            int at = before.indexOf(" " + trigger + " ");
            // "is it normal to have numbness in my bum": a person after the question words makes it their symptom
            if (at >= 0 && !present && !mentionsPerson(before.substring(at + trigger.length() + 1) + " " + words(s, hit.start(), hit.end()))) {
                return MentionStatus.HYPOTHETICAL;
            }
        }
        if (s.question() && !present && !hasPerson(s, clause) && QUESTION_WORDS.contains(w[segmentFrom(s, hit.start())])) {
            return MentionStatus.HYPOTHETICAL;
        }
        return MentionStatus.CURRENT;
    }

    private static boolean negatedBefore(NormalizedText.Sentence s, int start, int clause) {
        String[] w = s.words();
        for (int i = start - 1; i >= 0 && i >= start - NEGATION_WINDOW && s.clause()[i] == clause; i--) {
            if (s.commaBefore()[i + 1]) {
                return false; // a pause between the negation and the mention ends its reach
            }
            if (NEGATIONS.contains(w[i]) && !(i + 1 < w.length && NOT_NEGATING_NEXT.contains(w[i + 1]))) {
                return true;
            }
            if ((w[i].equals("free") || w[i].equals("negative")) && i + 1 < start && (w[i + 1].equals("of") || w[i + 1].equals("for"))) {
                return true;
            }
            if (i + 1 < start && (w[i].equals("ruled") || w[i].equals("rule")) && w[i + 1].equals("out")) {
                return true;
            }
            if (SUBJECTS.contains(w[i])) {
                return false; // a new subject or a pause: a negation before it does not reach past it
            }
        }
        return false;
    }

    /** "face is not drooping": a negation in the words a pattern's gap skipped. */
    private static boolean negatedWithin(NormalizedText.Sentence s, PatternMatcher.Hit hit) {
        Set<String> patternWords = new java.util.HashSet<>(java.util.Arrays.asList(hit.pattern().replace('|', ' ').replace("*", "").split("\\s+")));
        for (int i = hit.start() + 1; i < hit.end(); i++) {
            String w = s.words()[i];
            if (NEGATIONS.contains(w) && !patternWords.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a time phrase must stand in to date a mention: up to four words either side, within its
     * segment ("back pain after my spinal surgery 2 weeks ago" dates the surgery, not the pain).
     */
    private static String around(NormalizedText.Sentence s, PatternMatcher.Hit hit) {
        int from = Math.max(segmentFrom(s, hit.start()), hit.start() - HISTORY_REACH);
        int to = hit.end();
        while (to + 1 < s.words().length && to + 1 <= hit.end() + HISTORY_REACH && s.clause()[to + 1] == s.clause()[hit.start()]
                && !segmentStart(s, to + 1)) {
            to++;
        }
        return words(s, from, to);
    }

    private static boolean segmentStart(NormalizedText.Sentence s, int i) {
        String[] w = s.words();
        return s.commaBefore()[i] || w[i].equals("now") || w[i].equals("today") || w[i].equals("tonight")
                || SEGMENT_JOINS.contains(w[i]) && i + 1 < w.length && (SUBJECTS.contains(w[i + 1]) || RECENT.contains(w[i + 1]));
    }

    /** Where the segment holding word {@code i} starts (a pause, or "and now", "and i" ...). */
    private static int segmentFrom(NormalizedText.Sentence s, int i) {
        int clause = s.clause()[i];
        int from = i;
        while (from > 0 && s.clause()[from - 1] == clause && !segmentStart(s, from)) {
            from--;
        }
        return from;
    }

    private static boolean mentionsPerson(String text) {
        for (String word : text.strip().split("\\s+")) {
            if (PERSONS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean negatedAfter(NormalizedText.Sentence s, int end, int clause) {
        String[] w = s.words();
        for (int i = end + 1; i < w.length && i <= end + 2 && s.clause()[i] == clause; i++) {
            if (POST_NEGATIONS.contains(w[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasPerson(NormalizedText.Sentence s, int clause) {
        for (int i = 0; i < s.words().length; i++) {
            if (s.clause()[i] == clause && PERSONS.contains(s.words()[i])) {
                return true;
            }
        }
        return false;
    }

    private static String words(NormalizedText.Sentence s, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, from); i <= to && i < s.words().length; i++) {
            sb.append(s.words()[i]).append(' ');
        }
        return sb.toString().strip();
    }
}
