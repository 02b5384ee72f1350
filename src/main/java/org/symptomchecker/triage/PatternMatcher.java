package org.symptomchecker.triage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds concept patterns in sentences. Every distinct word or prefix of every pattern is an "atom";
 * each word of a message is resolved once to the atoms it matches (exact, prefix, or one typo away),
 * then patterns are tried only where their first element matches.
 */
final class PatternMatcher {

    static final String GAP = "...";
    static final int GAP_WORDS = 4;
    static final int FUZZY_MIN_LENGTH = 5;

    /** A concept pattern compiled to atom ids; a null element is a gap. */
    record Compiled(String conceptId, String text, int[][] elements) {
    }

    /** A pattern found in a sentence: words {@code start} to {@code end}, inclusive. */
    record Hit(String conceptId, int start, int end, String pattern) {
    }

    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> prefixes = new HashMap<>();
    private final Map<String, List<Integer>> deletions = new HashMap<>();
    private final List<String> atoms = new ArrayList<>();
    private final Map<Integer, List<Compiled>> byFirstAtom = new HashMap<>();
    private int shortestPrefix = Integer.MAX_VALUE;

    /** Checks a pattern's syntax; returns a problem, or null when it is well formed. */
    static String problem(String pattern) {
        String[] parts = pattern.strip().split("\\s+");
        if (pattern.isBlank()) {
            return "empty pattern";
        }
        if (GAP.equals(parts[0]) || GAP.equals(parts[parts.length - 1])) {
            return "a pattern may not start or end with '...'";
        }
        for (int i = 0; i < parts.length; i++) {
            if (GAP.equals(parts[i])) {
                if (i > 0 && GAP.equals(parts[i - 1])) {
                    return "two '...' in a row";
                }
                continue;
            }
            for (String alt : parts[i].split("\\|", -1)) {
                String word = alt.endsWith("*") ? alt.substring(0, alt.length() - 1) : alt;
                if (!word.matches("[a-z0-9.]+")) {
                    return "'" + alt + "' is not a lower-case word (write words as the matcher reads them: no punctuation or apostrophes)";
                }
                if (alt.endsWith("*") && word.length() < (word.matches("\\d+") ? 2 : 3)) {
                    return "prefix '" + alt + "' is too short (at least 3 letters before '*')";
                }
            }
        }
        return null;
    }

    void add(String conceptId, String pattern) {
        String[] parts = pattern.strip().split("\\s+");
        int[][] elements = new int[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            if (GAP.equals(parts[i])) {
                continue;
            }
            TreeSet<Integer> ids = new TreeSet<>();
            for (String alt : parts[i].split("\\|")) {
                ids.add(atom(alt));
            }
            elements[i] = ids.stream().mapToInt(Integer::intValue).toArray();
        }
        Compiled compiled = new Compiled(conceptId, pattern, elements);
        for (int first : elements[0]) {
            byFirstAtom.computeIfAbsent(first, k -> new ArrayList<>()).add(compiled);
        }
    }

    private int atom(String alt) {
        boolean prefix = alt.endsWith("*");
        String word = prefix ? alt.substring(0, alt.length() - 1) : alt;
        Map<String, Integer> table = prefix ? prefixes : exact;
        Integer id = table.get(word);
        if (id != null) {
            return id;
        }
        id = atoms.size();
        atoms.add(alt);
        table.put(word, id);
        if (prefix) {
            shortestPrefix = Math.min(shortestPrefix, word.length());
        } else if (word.length() >= FUZZY_MIN_LENGTH && !word.matches(".*\\d.*")) {
            for (String variant : deletionsOf(word)) {
                deletions.computeIfAbsent(variant, k -> new ArrayList<>()).add(id);
            }
        }
        return id;
    }

    /** Whether a word is one the lexicon knows, also with one typo (for telling English from gibberish). */
    boolean knows(String word) {
        return atomsOf(word, true).length > 0;
    }

    /** Whether a word is a whole lexicon word as written, or (with {@code typos}) one typo from one; prefixes aside. */
    boolean knowsWord(String word, boolean typos) {
        if (exact.containsKey(word)) {
            return true;
        }
        if (!typos || word.length() < FUZZY_MIN_LENGTH - 1) {
            return false;
        }
        List<String> variants = deletionsOf(word);
        for (String v : variants) {
            List<Integer> candidates = deletions.get(v);
            if (candidates != null && candidates.stream().anyMatch(c -> withinOneEdit(word, atoms.get(c)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a word is a lexicon word as written (exactly, or by a listed prefix). */
    boolean knowsExactly(String word) {
        return atomsOf(word, false).length > 0;
    }

    /**
     * Patterns found in a sentence. A word that is a real English word is never read as a typo of
     * another ("black" is not "back", "delicious" is not "delirious"); any other word matches exactly
     * and also with one typo, so a misspelling listed in one pattern still typo-matches the right word
     * of another ("chesst" in "crushing chesst pain").
     */
    List<Hit> find(String[] words, java.util.Set<String> realWords) {
        int[][] wordAtoms = new int[words.length][];
        for (int i = 0; i < words.length; i++) {
            wordAtoms[i] = atomsOf(words[i], !realWords.contains(words[i]));
        }
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            for (int atom : wordAtoms[i]) {
                List<Compiled> candidates = byFirstAtom.get(atom);
                if (candidates == null) {
                    continue;
                }
                for (Compiled c : candidates) {
                    int end = matchFrom(c.elements(), 1, i + 1, wordAtoms);
                    if (end >= 0) {
                        hits.add(new Hit(c.conceptId(), i, end - 1, c.text()));
                    }
                }
            }
        }
        return hits;
    }

    private static int matchFrom(int[][] elements, int e, int w, int[][] wordAtoms) {
        if (e == elements.length) {
            return w;
        }
        if (elements[e] == null) {
            for (int skip = 0; skip <= GAP_WORDS && w + skip < wordAtoms.length; skip++) {
                int end = matchFrom(elements, e + 1, w + skip, wordAtoms);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        if (w < wordAtoms.length && intersects(elements[e], wordAtoms[w])) {
            return matchFrom(elements, e + 1, w + 1, wordAtoms);
        }
        return -1;
    }

    private int[] atomsOf(String word, boolean typos) {
        TreeSet<Integer> ids = new TreeSet<>();
        Integer id = exact.get(word);
        if (id != null) {
            ids.add(id);
        }
        for (int k = word.length(); shortestPrefix != Integer.MAX_VALUE && k >= shortestPrefix; k--) {
            Integer p = prefixes.get(word.substring(0, k));
            if (p != null) {
                ids.add(p);
            }
        }
        if (typos && word.length() >= FUZZY_MIN_LENGTH - 1 && !deletions.isEmpty()) {
            List<String> variants = deletionsOf(word);
            variants.add(word);
            for (String v : variants) {
                List<Integer> candidates = deletions.get(v);
                if (candidates == null) {
                    continue;
                }
                for (int c : candidates) {
                    if (!ids.contains(c) && withinOneEdit(word, atoms.get(c))) {
                        ids.add(c);
                    }
                }
            }
        }
        int[] out = new int[ids.size()];
        int i = 0;
        for (int v : ids) {
            out[i++] = v;
        }
        return out;
    }

    private static List<String> deletionsOf(String word) {
        List<String> out = new ArrayList<>(word.length() + 1);
        out.add(word);
        for (int i = 0; i < word.length(); i++) {
            out.add(word.substring(0, i) + word.substring(i + 1));
        }
        return out;
    }

    /** One letter missing, extra, wrong, or two neighbours swapped. */
    static boolean withinOneEdit(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        if (la == lb) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < la; i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (++diffs == 1) {
                        first = i;
                    }
                }
            }
            if (diffs == 1) {
                return true;
            }
            return diffs == 2 && first + 1 < la && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first) && a.substring(first + 2).equals(b.substring(first + 2));
        }
        String longer = la > lb ? a : b;
        String shorter = la > lb ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.substring(i).equals(longer.substring(i + 1));
    }

    private static boolean intersects(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }
}
