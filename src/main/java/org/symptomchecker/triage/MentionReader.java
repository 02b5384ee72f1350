package org.symptomchecker.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.symptomchecker.triage.Readings.Section.*;

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

    private final Readings readings;

    /** A reader with the cue words and phrases of readings.yaml (each section's use is described there). */
    MentionReader(Readings readings) {
        this.readings = readings;
    }

    /** Whether a word is one of a word section's. */
    private boolean is(Readings.Section section, String word) {
        return readings.words(section).contains(word);
    }

    /** The concept mentions of a message, each judged, as {@code rules} reads them. */
    static List<Mention> read(RuleSet rules, NormalizedText text, Set<String> realWords) {
        return rules.mentionReader().mentions(rules, text, realWords);
    }

    /** The semantic net's windows of a message, each judged, as {@code rules} reads them. */
    static List<Window> windows(RuleSet rules, NormalizedText text, Set<String> realWords) {
        return rules.mentionReader().windowsOf(rules, text, realWords);
    }

    private List<Mention> mentions(RuleSet rules, NormalizedText text, Set<String> realWords) {
        List<Mention> out = new ArrayList<>();
        List<NormalizedText.Sentence> sentences = text.sentences;
        for (int k = 0; k < sentences.size(); k++) {
            NormalizedText.Sentence s = sentences.get(k);
            List<PatternMatcher.Hit> hits = rules.matcher().find(s.words(), realWords);
            List<PatternMatcher.Hit> figures = hits.stream().filter(h -> rules.concepts().get(h.conceptId()).figurative()).toList();
            for (PatternMatcher.Hit hit : hits) {
                Concept concept = rules.concepts().get(hit.conceptId());
                if (!concept.figurative() && figures.stream().anyMatch(f -> takesBack(rules.concepts().get(f.conceptId()), f, hit, s))) {
                    // inside a figure of speech ("England choked in the final"): not a symptom
                    out.add(new Mention(concept.id(), words(s, hit.start(), hit.end()), MentionStatus.HYPOTHETICAL));
                    continue;
                }
                MentionStatus status = concept.isName(words(s, hit.start(), hit.end()))
                        ? namedStatus(s, k + 1 < sentences.size() ? sentences.get(k + 1) : null, hit)
                        : status(s, hit, concept);
                out.add(new Mention(concept.id(), words(s, hit.start(), hit.end()), status));
            }
        }
        return out;
    }

    /**
     * The words of the clause before word {@code i}, back to its start, that an "if" among them still
     * governs: an "if" reaches across "and" ("if I got stung and my throat swelled") but not past a pause
     * ("if I lie down, I can't breathe" states a symptom).
     */
    private static String conditionScope(NormalizedText.Sentence s, int i) {
        int clause = s.clause()[i];
        int from = i;
        while (from > 0 && s.clause()[from - 1] == clause && !s.commaBefore()[from]) {
            from--;
        }
        return words(s, from, i - 1);
    }

    /** A stretch of a sentence the semantic net compares with its bank, and how it is meant. */
    record Window(String text, MentionStatus status) {
    }

    static final int WINDOW_MIN_WORDS = 3;
    static final int WINDOW_MAX_WORDS = 40;

    /**
     * The windows of a message: each segment of a clause (clauses end at "but", "however" ...; segments
     * at a pause or "and now", "and i" ...), a short one joined to the next, a long one cut at 40 words.
     * Each is judged like a mention: negated, history, hypothetical or current.
     */
    private List<Window> windowsOf(RuleSet rules, NormalizedText text, Set<String> realWords) {
        List<Window> out = new ArrayList<>();
        for (NormalizedText.Sentence s : text.sentences) {
            if (rules.matcher().find(s.words(), realWords).stream().anyMatch(h -> rules.concepts().get(h.conceptId()).figurative())) {
                continue; // a figure of speech: "this deadline nearly gave me a heart attack"
            }
            String[] w = s.words();
            int from = 0;
            for (int i = 1; i <= w.length; i++) {
                boolean boundary = i == w.length || s.clause()[i] != s.clause()[i - 1] || segmentStart(s, i);
                if (!boundary || (i - from < WINDOW_MIN_WORDS && i < w.length && s.clause()[i] == s.clause()[i - 1])) {
                    continue;
                }
                for (int a = from; a < i; a += WINDOW_MAX_WORDS) {
                    int b = Math.min(i, a + WINDOW_MAX_WORDS) - 1;
                    if (b - a + 1 >= WINDOW_MIN_WORDS || from == 0 && i == w.length && b - a + 1 >= 2) {
                        out.add(new Window(words(s, a, b), windowStatus(s, a, b)));
                    }
                }
                from = i;
            }
        }
        return out;
    }

    private MentionStatus windowStatus(NormalizedText.Sentence s, int from, int to) {
        String[] w = s.words();
        String sentence = " " + String.join(" ", w) + " ";
        if (readings.anyIn(DENIES_ALL, sentence)) {
            return MentionStatus.NEGATED;
        }
        if (from > 0 && s.commaBefore()[from] && deniedList(s, from - 1, from, s.clause()[from])) {
            return MentionStatus.NEGATED; // the later items of "denies leg weakness, saddle numbness, ..."
        }
        String start = " " + words(s, 0, to) + " ";
        if (readings.phrases(ABOUT_A_CONDITION).stream().anyMatch(t -> !t.equals("about") && start.contains(" " + t + " "))) {
            return MentionStatus.HYPOTHETICAL;
        }
        for (int i = from; i <= to; i++) {
            if (is(NEGATIONS, w[i]) && !pseudoNegation(s, i) && !describes(s, i, to)) {
                return MentionStatus.NEGATED;
            }
        }
        String text = " " + words(s, from, to) + " ";
        Pattern onset = readings.pattern(ONSET);
        if (readings.pattern(HISTORY).matcher(text).find() && !onset.matcher(text).find()
                || readings.pattern(YEAR_DATED).matcher(text).find() && !onset.matcher(text.replace(" since ", " ")).find()) {
            return MentionStatus.HISTORY; // "no spleen since an accident years ago": the year dates the "since" too
        }
        int clause = s.clause()[from];
        int clauseStart = from;
        while (clauseStart > 0 && s.clause()[clauseStart - 1] == clause) {
            clauseStart--;
        }
        String upTo = " " + words(s, clauseStart, to) + " ";
        boolean conditional = (readings.anyIn(CONDITIONALS, upTo) || is(SUPPOSE_OPENERS, w[0]))
                && readings.phrases(NOT_CONDITIONALS).stream().noneMatch(t -> upTo.contains(" " + t + " "));
        boolean present = readings.anyIn(PRESENT, upTo);
        if (conditional && !present) {
            return MentionStatus.HYPOTHETICAL;
        }
        for (String trigger : readings.phrases(INFORMATION)) {
            int at = upTo.indexOf(" " + trigger + " ");
            if (at >= 0 && !present && !mentionsPerson(upTo.substring(at + trigger.length() + 1))) {
                return MentionStatus.HYPOTHETICAL;
            }
        }
        if (s.question() && !present && !hasPerson(s, clause)) {
            return MentionStatus.HYPOTHETICAL;
        }
        return MentionStatus.CURRENT;
    }

    /**
     * A condition's name counts only when the person says they (or someone) have it: asking about it,
     * reading about it or denying all of it ("I read about cauda equina but I don't have any of that")
     * does not.
     */
    private MentionStatus namedStatus(NormalizedText.Sentence s, NormalizedText.Sentence next, PatternMatcher.Hit hit) {
        String sentence = " " + String.join(" ", s.words()) + " ";
        String following = next == null ? "" : " " + String.join(" ", next.words()) + " ";
        if (readings.phrases(DENIES_ALL).stream().anyMatch(d -> sentence.contains(" " + d + " ") || following.contains(" " + d + " "))) {
            return MentionStatus.NEGATED;
        }
        String before = " " + words(s, 0, hit.start() - 1) + " ";
        String justBefore = " " + words(s, Math.max(0, hit.start() - 3), hit.start() - 1) + " ";
        boolean aboutIt = hit.start() > 0 && is(CONDITION_PREPOSITIONS, s.words()[hit.start() - 1])
                && readings.phrases(HAVING).stream().noneMatch(h -> justBefore.contains(" " + h + " "));
        if (aboutIt || s.question() || is(QUESTION_OPENERS, s.words()[0]) || readings.anyIn(ABOUT_A_CONDITION, before)
                || readings.anyIn(INFORMATION, before)
                || readings.anyIn(CONDITIONALS, before)) {
            return MentionStatus.HYPOTHETICAL;
        }
        int clause = s.clause()[hit.start()];
        if (negatedBefore(s, hit.start(), clause) || negatedAfter(s, hit.end(), clause)) {
            return MentionStatus.NEGATED;
        }
        String dated = " " + segment(s, hit.start()) + " ";
        return readings.pattern(HISTORY).matcher(dated).find() || readings.pattern(NAMED_HISTORY).matcher(dated).find()
                ? MentionStatus.HISTORY : MentionStatus.CURRENT;
    }

    private MentionStatus status(NormalizedText.Sentence s, PatternMatcher.Hit hit, Concept concept) {
        String[] w = s.words();
        int clause = s.clause()[hit.start()];
        if (negatedBefore(s, hit.start(), clause) || negatedAfter(s, hit.end(), clause) || negatedWithin(s, hit)) {
            return hedged(s, hit.start(), clause) ? MentionStatus.UNCERTAIN : MentionStatus.NEGATED;
        }
        String clauseText = " " + s.clauseText(clause) + " ";
        String dated = " " + around(s, hit) + " ";
        String whole = " " + segment(s, hit.start()) + " ";
        String datedAround = " " + aroundOutside(s, hit) + " "; // "since an accident years ago": the concept's own "since" is no onset
        Pattern onset = readings.pattern(ONSET);
        if (!concept.historyCounts() && (readings.pattern(HISTORY).matcher(dated).find() && !onset.matcher(dated).find() && !onset.matcher(whole).find()
                || readings.pattern(YEAR_DATED).matcher(whole).find() && !onset.matcher(datedAround).find())) {
            return MentionStatus.HISTORY;
        }
        String before = " " + words(s, segmentFrom(s, hit.start()), hit.start() - 1) + " ";
        boolean possessed = hit.start() > 0 && is(POSSESSIVES, w[hit.start() - 1]);
        String governed = " " + conditionScope(s, hit.start()) + " ";
        boolean conditional = (readings.phrases(CONDITIONALS).stream().anyMatch(t -> before.contains(" " + t + " " ) || governed.contains(" " + t + " "))
                || is(SUPPOSE_OPENERS, w[0]))
                && readings.phrases(NOT_CONDITIONALS).stream().noneMatch(t -> before.contains(" " + t + " ") || governed.contains(" " + t + " "));
        if ((!possessed || governed.contains(" if ")) && conditional && !(concept.conditionalCounts() && !s.question())) {
            return MentionStatus.HYPOTHETICAL;
        }
        boolean present = readings.anyIn(PRESENT, clauseText);
        for (String trigger : readings.phrases(INFORMATION)) {
            int at = before.indexOf(" " + trigger + " ");
            // "is it normal to have numbness in my bum": a person after the question words makes it their symptom
            if (at >= 0 && !present && !mentionsPerson(before.substring(at + trigger.length() + 1) + " " + words(s, hit.start(), hit.end()))) {
                return MentionStatus.HYPOTHETICAL;
            }
        }
        if (s.question() && !present && !hasPerson(s, clause) && is(QUESTION_WORDS, w[segmentFrom(s, hit.start())])) {
            return MentionStatus.HYPOTHETICAL;
        }
        String after = " " + words(s, hit.end() + 1, w.length - 1) + " ";
        if (!present && !possessed && readings.anyIn(CLAIM_VERBS, before)
                && readings.anyIn(CHECKING_A_CLAIM, after)) {
            return MentionStatus.HYPOTHETICAL; // "she says blue lips means no oxygen, is that true?": a claim checked, not a symptom
        }
        return MentionStatus.CURRENT;
    }

    private boolean negatedBefore(NormalizedText.Sentence s, int start, int clause) {
        String[] w = s.words();
        for (int i = start - 1; i >= 0 && i >= start - NEGATION_WINDOW && s.clause()[i] == clause; i--) {
            if (s.commaBefore()[i + 1] && !listItem(s, i + 1, start)) {
                return deniedList(s, i, start, clause); // a pause ends a negation's reach, except in a list
            }
            if (is(NEGATIONS, w[i]) && !pseudoNegation(s, i)) {
                if (negatesAnAct(s, i, start)) {
                    return false; // "not dieting and back hurts at night", "not eating and vomiting": the "not" denies an act, "and" goes on
                }
                // "I can't say there's no chest pain": a denial denied is a report
                String lead = " " + words(s, Math.max(0, i - 3), i - 1) + " ";
                return !readings.anyIn(DENIED_DENIALS, lead);
            }
            if (readings.phraseAt(NEGATION_PHRASES, w, i, start)) {
                return true; // "free of", "negative for", "ruled out"
            }
            if (is(SUBJECTS, w[i])) {
                // "it's not that I can't feel it", "I wouldn't say my legs are weak": the denial governs what follows
                String lead = " " + words(s, Math.max(0, i - 2), i - 1) + " ";
                return readings.anyIn(DENIED_OVER_A_SUBJECT, lead);
            }
        }
        return false;
    }

    /**
     * Whether the negation at {@code i} denies an act ("not dieting", "not sleeping") that an "and" then
     * leaves before the mention at {@code start}: what follows the "and" is said, not denied.
     */
    private static boolean negatesAnAct(NormalizedText.Sentence s, int i, int start) {
        String[] w = s.words();
        if (!(w[i].equals("not") || w[i].equals("never")) || i + 1 >= start || !w[i + 1].endsWith("ing") || w[i + 1].length() < 6) {
            return false;
        }
        for (int k = i + 2; k < start; k++) {
            if (w[k].equals("and")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a denial cue such as "denies" stands before the comma at {@code i} in the same clause, within
     * 15 words of the mention at {@code start}, with no new subject or "but" between: then the whole list
     * is denied.
     */
    private boolean deniedList(NormalizedText.Sentence s, int i, int start, int clause) {
        String[] w = s.words();
        for (int k = i; k >= 0 && k >= start - 15 && s.clause()[k] == clause; k--) {
            if (is(LIST_DENIALS, w[k])) {
                return true;
            }
            if (is(SUBJECTS, w[k]) || w[k].equals("but") || w[k].equals("now")) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether the words from {@code from} (just after a comma) to the mention at {@code start} are the
     * next items of a list ("denies numbness, weakness or bladder problems"): at most three words, no
     * new subject, so a negation before the comma still governs them.
     */
    private boolean listItem(NormalizedText.Sentence s, int from, int start) {
        String[] w = s.words();
        if (start - from > 3) {
            return false;
        }
        boolean or = false;
        for (int i = from; i < start; i++) {
            if (is(SUBJECTS, w[i]) || w[i].equals("but")) {
                return false;
            }
            or |= w[i].equals("or") || w[i].equals("nor");
        }
        if (!or) { // a middle item: "denies numbness, weakness, or bladder problems"
            int next = start + 1;
            while (next < w.length && next <= start + 3 && !s.commaBefore()[next]) {
                next++;
            }
            or = next < w.length && s.commaBefore()[next] && (w[next].equals("or") || w[next].equals("nor"));
        }
        return or; // without an "or" it is no list: "no fever, crushing chest pain" still has the chest pain
    }

    /** "face is not drooping": a negation in the words a pattern's gap skipped. */
    private boolean negatedWithin(NormalizedText.Sentence s, PatternMatcher.Hit hit) {
        Set<String> patternWords = new java.util.HashSet<>(java.util.Arrays.asList(hit.pattern().replace('|', ' ').replace("*", "").split("\\s+")));
        for (int i = hit.start() + 1; i < hit.end(); i++) {
            String w = s.words()[i];
            if (is(NEGATIONS, w) && !patternWords.contains(w) && !pseudoNegation(s, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a time phrase must stand in to date a mention: up to four words either side, within its
     * segment ("back pain after my spinal surgery 2 weeks ago" dates the surgery, not the pain).
     */
    private String around(NormalizedText.Sentence s, PatternMatcher.Hit hit) {
        int from = Math.max(segmentFrom(s, hit.start()), hit.start() - HISTORY_REACH);
        int to = hit.end();
        while (to + 1 < s.words().length && to + 1 <= hit.end() + HISTORY_REACH && s.clause()[to + 1] == s.clause()[hit.start()]
                && !segmentStart(s, to + 1)) {
            to++;
        }
        return words(s, from, to);
    }

    /** {@link #around}'s words without the mention's own. */
    private String aroundOutside(NormalizedText.Sentence s, PatternMatcher.Hit hit) {
        String own = " " + words(s, hit.start(), hit.end()) + " ";
        return (" " + around(s, hit) + " ").replaceFirst(Pattern.quote(own), " ").strip();
    }

    /**
     * Whether a helping-verb negation inside a net window is part of what the window describes ("he hasn't
     * managed to pass water", "words that don't make any sense", "the rash doesn't fade"), not a denial:
     * the net then judges the window against its exemplars, benign denials included.
     */
    private boolean describes(NormalizedText.Sentence s, int i, int to) {
        String[] w = s.words();
        if (!is(AUXILIARY_NEGATIONS, w[i]) || i + 1 > to) {
            return false;
        }
        int next = i + 1;
        while (next < to && is(DENYING_SKIPPED, w[next])) {
            next++;
        }
        return !is(DENYING_NEXT, w[next]);
    }

    /** The words of the segment holding word {@code i}. */
    private String segment(NormalizedText.Sentence s, int i) {
        int to = i;
        while (to + 1 < s.words().length && s.clause()[to + 1] == s.clause()[i] && !segmentStart(s, to + 1)) {
            to++;
        }
        return words(s, segmentFrom(s, i), to);
    }

    private boolean segmentStart(NormalizedText.Sentence s, int i) {
        String[] w = s.words();
        return s.commaBefore()[i] || newStretch(s, i);
    }

    /** Whether word {@code i} opens a stretch about now or another subject: "now", "today", "and now", "and i". */
    private boolean newStretch(NormalizedText.Sentence s, int i) {
        String[] w = s.words();
        return w[i].equals("now") || w[i].equals("today") || w[i].equals("tonight")
                || is(SEGMENT_JOINS, w[i]) && i + 1 < w.length && (is(SUBJECTS, w[i + 1]) || is(RECENT, w[i + 1]));
    }

    /**
     * Whether a figure of speech takes back a mention: a plain figure takes back any mention it overlaps
     * ("my face is still numb ... from the dentist"); a frame ("a thriller where ...", "my dog has ...") also
     * takes back what follows it up to the end of its clause or a new stretch about now ("and now", "and i");
     * a mere pause (a list's commas) does not stop a frame.
     */
    private boolean takesBack(Concept figure, PatternMatcher.Hit f, PatternMatcher.Hit hit, NormalizedText.Sentence s) {
        if (!figure.frame()) {
            return hit.start() <= f.end() && f.start() <= hit.end();
        }
        if (hit.start() < f.start()) {
            return false;
        }
        int to = f.end() + 1;
        while (to < s.words().length && s.clause()[to] == s.clause()[f.end()] && !newStretch(s, to)) {
            to++;
        }
        return hit.start() < to;
    }

    /** Where the segment holding word {@code i} starts (a pause, or "and now", "and i" ...). */
    private int segmentFrom(NormalizedText.Sentence s, int i) {
        int clause = s.clause()[i];
        int from = i;
        while (from > 0 && s.clause()[from - 1] == clause && !segmentStart(s, from)) {
            from--;
        }
        return from;
    }

    /**
     * A negation word that does not deny what follows: "no relief", "not just", "nothing helps",
     * "without (any) warning", and "never ... like this before" (which says the symptom is new).
     */
    private boolean pseudoNegation(NormalizedText.Sentence s, int i) {
        String[] w = s.words();
        int next = i + 1;
        if (next < w.length && is(NOT_DENYING_SKIPPED, w[next]) && next + 1 < w.length) {
            next++; // "without any warning", "no real relief"
        }
        if (readings.phraseAt(NOT_DENYING, w, next)) {
            return true; // "no relief", "not just", "no lie", "not gonna lie, I shoot up"
        }
        if (w[i].equals("without") && next + 1 < w.length && (w[next].equals("a") || w[next].equals("an") || w[next].equals("my"))
                && is(WITHOUT_OBJECTS, w[next + 1])) {
            return true; // "came off my bike without a helmet and hit my head": the head injury stands
        }
        if (w[i].equals("nothing") && i >= 2 && is(FEEL, w[i - 1]) && is(CANT, w[i - 2])) {
            return true; // "I can't feel nothing round my bottom": a double negative says the feeling is gone
        }
        if (next < w.length && (w[next].equals("like") || w[next].equals("of"))) {
            return false; // "nothing like that", "none of that": a denial of what was asked
        }
        // "never had pain like this before": the phrase must follow in the same stretch, before a pause
        int to = i + 1;
        while (to < w.length && !s.commaBefore()[to]) {
            to++;
        }
        String rest = " " + words(s, i + 1, to - 1) + " ";
        if (w[i].equals("never") && rest.indexOf(" before ") > 0) {
            return true; // "she's never been incontinent before": it is new, not denied ("never before" alone still denies)
        }
        if (readings.anyIn(WIDENING_TAILS, rest)) {
            return false; // "no chest pain or anything like that": the tail widens the denial, it does not say new
        }
        return readings.anyIn(SAYS_NEW, rest);
    }

    /** A denial hedged by doubt ("I don't think I have numbness", "not sure if it's gone"). */
    private boolean hedged(NormalizedText.Sentence s, int start, int clause) {
        String before = " " + words(s, Math.max(0, start - NEGATION_WINDOW - 2), start - 1) + " ";
        return readings.anyIn(HEDGES, before);
    }

    private boolean mentionsPerson(String text) {
        for (String word : text.strip().split("\\s+")) {
            if (is(PERSONS, word)) {
                return true;
            }
        }
        return false;
    }

    private boolean negatedAfter(NormalizedText.Sentence s, int end, int clause) {
        String[] w = s.words();
        if (is(SAID_FINE_PARTS, w[end])) { // "breathing's totally fine", "lips and throat fine": nothing wrong there
            for (int i = end + 1; i < w.length && i <= end + 4 && s.clause()[i] == clause; i++) {
                if (is(SAID_FINE, w[i])) {
                    return true;
                }
                if (!is(SAID_FINE_BETWEEN, w[i]) && !is(SAID_FINE_PARTS, w[i])) {
                    break;
                }
            }
        }
        for (int i = end + 1; i < w.length && i <= end + 2 && s.clause()[i] == clause; i++) {
            if (is(POST_NEGATIONS, w[i])) {
                return true;
            }
        }
        return false;
    }

    private boolean hasPerson(NormalizedText.Sentence s, int clause) {
        for (int i = 0; i < s.words().length; i++) {
            if (s.clause()[i] == clause && is(PERSONS, s.words()[i])) {
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
