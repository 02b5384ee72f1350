package org.symptomchecker.triage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words and phrases the reader judges a message by, from guardrails/readings.yaml: how a reply to a
 * screening question is read ({@link AnswerReader}) and how a mention is meant ({@link MentionReader}). Java
 * keeps only how they are used; {@link Section} names every section the file must have.
 */
final class Readings {

    /** What a section holds. */
    enum Kind {
        /** Single words, looked up one word at a time. */
        WORDS,
        /** Phrases of one or more words, looked for within the words read. */
        PHRASES,
        /** Regular expressions, each one alternative of the section's pattern. */
        PATTERNS
    }

    /** The sections of readings.yaml, each under its group. */
    enum Section {
        ANSWER_UNSURE("answers", "unsure", Kind.PHRASES),
        ANSWER_NO("answers", "no", Kind.PHRASES),
        ANSWER_YES("answers", "yes", Kind.PHRASES),
        ANSWER_OPENERS("answers", "openers", Kind.WORDS),
        ANSWER_OPENING_PHRASES("answers", "opening phrases", Kind.PHRASES),
        STATED_AGE("age", "stated", Kind.PATTERNS),
        NAMED_PERSON_AGE("age", "of someone named", Kind.PATTERNS),
        CLAUSE_STARTS("clauses", "starts", Kind.WORDS),
        SEGMENT_JOINS("clauses", "segment joins", Kind.WORDS),
        RECENT("clauses", "recent", Kind.WORDS),
        SUBJECTS("clauses", "subjects", Kind.WORDS),
        NEGATIONS("negation", "words", Kind.WORDS),
        NEGATION_PHRASES("negation", "phrases", Kind.PHRASES),
        POST_NEGATIONS("negation", "after", Kind.WORDS),
        NOT_DENYING("negation", "not denying", Kind.PHRASES),
        NOT_DENYING_SKIPPED("negation", "skipped", Kind.WORDS),
        SAYS_NEW("negation", "says new", Kind.PHRASES),
        WIDENING_TAILS("negation", "widening tails", Kind.PHRASES),
        HEDGES("negation", "hedges", Kind.PHRASES),
        DENIED_DENIALS("negation", "denied denials", Kind.PHRASES),
        DENIED_OVER_A_SUBJECT("negation", "denied over a subject", Kind.PHRASES),
        WITHOUT_OBJECTS("negation", "without objects", Kind.WORDS),
        LIST_DENIALS("negation", "list words", Kind.WORDS),
        CANT("negation", "cant", Kind.WORDS),
        FEEL("negation", "feel", Kind.WORDS),
        SAID_FINE_PARTS("said fine", "parts", Kind.WORDS),
        SAID_FINE("said fine", "fine", Kind.WORDS),
        SAID_FINE_BETWEEN("said fine", "between", Kind.WORDS),
        AUXILIARY_NEGATIONS("helping verbs", "negations", Kind.WORDS),
        DENYING_NEXT("helping verbs", "denying", Kind.WORDS),
        DENYING_SKIPPED("helping verbs", "skipped", Kind.WORDS),
        HISTORY("history", "dated", Kind.PATTERNS),
        YEAR_DATED("history", "year dated", Kind.PATTERNS),
        NAMED_HISTORY("history", "named", Kind.PATTERNS),
        ONSET("history", "onset", Kind.PATTERNS),
        CONDITIONALS("hypothetical", "conditionals", Kind.PHRASES),
        NOT_CONDITIONALS("hypothetical", "not conditionals", Kind.PHRASES),
        SUPPOSE_OPENERS("hypothetical", "suppose openers", Kind.WORDS),
        INFORMATION("hypothetical", "information", Kind.PHRASES),
        PRESENT("hypothetical", "present", Kind.PHRASES),
        PERSONS("hypothetical", "persons", Kind.WORDS),
        POSSESSIVES("hypothetical", "possessives", Kind.WORDS),
        QUESTION_WORDS("hypothetical", "question words", Kind.WORDS),
        QUESTION_OPENERS("hypothetical", "question openers", Kind.WORDS),
        ABOUT_A_CONDITION("named conditions", "talked about", Kind.PHRASES),
        DENIES_ALL("named conditions", "denied all", Kind.PHRASES),
        CONDITION_PREPOSITIONS("named conditions", "prepositions", Kind.WORDS),
        HAVING("named conditions", "having", Kind.PHRASES),
        CLAIM_VERBS("reported speech", "claim verbs", Kind.PHRASES),
        CHECKING_A_CLAIM("reported speech", "checking", Kind.PHRASES),
        SMALL_WORDS("net", "small words", Kind.WORDS);

        final String group;
        final String key;
        final Kind kind;

        Section(String group, String key, Kind kind) {
            this.group = group;
            this.key = key;
            this.kind = kind;
        }

        /** How errors name it: "negation: hedges". */
        String title() {
            return group + ": " + key;
        }

        /** A section by its group and key, or null. */
        static Section of(String group, String key) {
            for (Section s : values()) {
                if (s.group.equals(group) && s.key.equals(key)) {
                    return s;
                }
            }
            return null;
        }
    }

    private final Map<Section, List<String>> entries;
    private final Map<Section, Set<String>> words = new EnumMap<>(Section.class);
    private final Map<Section, List<String[]>> phraseWords = new EnumMap<>(Section.class);
    private final Map<Section, Pattern> patterns = new EnumMap<>(Section.class);
    private final Pattern statedAge;

    /** {@code entries}: every section's entries in file order, already validated by {@link RuleSetLoader}. */
    Readings(Map<Section, List<String>> entries) {
        this.entries = new EnumMap<>(Section.class);
        entries.forEach((s, list) -> this.entries.put(s, List.copyOf(list)));
        for (Section s : Section.values()) {
            List<String> list = entries(s);
            if (s.kind == Kind.WORDS) {
                words.put(s, Set.copyOf(list));
            } else if (s.kind == Kind.PHRASES) {
                phraseWords.put(s, list.stream().map(p -> p.split(" ")).toList());
            }
        }
        for (Section s : List.of(Section.HISTORY, Section.YEAR_DATED, Section.NAMED_HISTORY)) {
            patterns.put(s, Pattern.compile(alternatives(s)));
        }
        patterns.put(Section.ONSET, Pattern.compile("\\b(" + alternatives(Section.ONSET) + ")\\b")); // whole words
        statedAge = Pattern.compile("(?i)(?:" + alternatives(Section.STATED_AGE) + "|" + alternatives(Section.NAMED_PERSON_AGE) + ")");
    }

    /** A section's entries, in file order. */
    List<String> entries(Section s) {
        return entries.getOrDefault(s, List.of());
    }

    /** A section of single words, as a set. */
    Set<String> words(Section s) {
        return words.get(s);
    }

    /** A section of phrases, in file order. */
    List<String> phrases(Section s) {
        return entries(s);
    }

    /** A section of phrases, each cut into its words, in file order. */
    List<String[]> phraseWords(Section s) {
        return phraseWords.get(s);
    }

    /** Whether one of a section's phrases stands in {@code words} from {@code at} on, wholly. */
    boolean phraseAt(Section s, String[] words, int at) {
        return phraseAt(s, words, at, words.length);
    }

    /** Whether one of a section's phrases stands in {@code words} from {@code at} on, ending before {@code end}. */
    boolean phraseAt(Section s, String[] words, int at, int end) {
        for (String[] p : phraseWords.get(s)) {
            if (at + p.length <= end && java.util.Arrays.equals(p, 0, p.length, words, at, at + p.length)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of a section's phrases stands in {@code padded} (words between single spaces, a space at each end). */
    boolean anyIn(Section s, String padded) {
        for (String p : entries(s)) {
            if (padded.contains(" " + p + " ")) {
                return true;
            }
        }
        return false;
    }

    /** A section of patterns as one pattern: any of its alternatives (onset's as whole words). */
    Pattern pattern(Section s) {
        return patterns.get(s);
    }

    /** age: stated, then age: of someone named; each alternative has one group, so group k is alternative k. */
    Pattern statedAge() {
        return statedAge;
    }

    /** Whether the stated-age pattern's group {@code group} (from 1) is one of the "of someone named" alternatives. */
    boolean namedPersonAge(int group) {
        return group > entries(Section.STATED_AGE).size();
    }

    private String alternatives(Section s) {
        return String.join("|", entries(s));
    }
}
