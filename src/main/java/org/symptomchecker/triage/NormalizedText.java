package org.symptomchecker.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message as the matcher reads it: lower case, no accents, no apostrophes ("can't" becomes "cant"),
 * cut into sentences of words, each word tagged with its clause ("but", "however" ... start a new one).
 */
final class NormalizedText {

    /** Lines of at most this many words, typed one after another, are read as one sentence. */
    static final int LINE_JOIN_WORDS = 6;
    /** A sentence joined from short lines stops growing at this many words. */
    static final int JOINED_MAX_WORDS = 30;

    /** One sentence: its words, each word's clause number, and whether it was asked as a question. */
    record Sentence(String[] words, int[] clause, boolean question, boolean[] commaBefore) {
        String clauseText(int clauseNo) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < words.length; i++) {
                if (clause[i] == clauseNo) {
                    sb.append(words[i]).append(' ');
                }
            }
            return sb.toString().strip();
        }
    }

    final List<Sentence> sentences;
    final int letters;
    final int nonLatinLetters;

    private NormalizedText(List<Sentence> sentences, int letters, int nonLatinLetters) {
        this.sentences = sentences;
        this.letters = letters;
        this.nonLatinLetters = nonLatinLetters;
    }

    /** What the reader knows of words: English words, the lexicon's words exactly, and the lexicon's words with a typo. */
    interface Vocabulary {
        Vocabulary NONE = new Vocabulary() {
        };

        default boolean english(String word) {
            return false;
        }

        default boolean lexicon(String word) {
            return false;
        }

        default boolean lexiconWithTypo(String word) {
            return lexicon(word);
        }

        /** The words a typed word stands for ("cyaan" -> "cant"), or null when it stands for itself. */
        default String[] respell(String word) {
            return null;
        }

        /** Whether a new clause starts at this word ("but", "however": readings.yaml's clause starts); none without a rule set. */
        default boolean clauseStart(String word) {
            return false;
        }
    }

    /** A message read without a vocabulary: disguised characters folded, words kept as written, one clause a sentence. */
    static NormalizedText of(String raw) {
        return of(raw, Vocabulary.NONE);
    }

    static NormalizedText of(String raw, Vocabulary vocabulary) {
        String text = Normalizer.normalize(TextFolding.fold(raw), Normalizer.Form.NFKD);
        List<Sentence> sentences = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<Boolean> commas = new ArrayList<>();
        List<Integer> lineStarts = new ArrayList<>();
        boolean comma = false;
        StringBuilder word = new StringBuilder();
        int letters = 0;
        int nonLatin = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue; // accents, once separated from their letters
            }
            if (Character.isLetter(c)) {
                letters++;
                if (Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN) {
                    nonLatin++;
                }
                word.append(Character.toLowerCase(c));
            } else if (Character.isDigit(c)) {
                word.append(c);
            } else if ((c == '@' || c == '$' || c == '!' || c == '|') && word.length() > 0 && i + 1 < n
                    && Character.isLetterOrDigit(text.charAt(i + 1))) {
                word.append(c); // leetspeak inside a word: "p@in", "k!ll"
            } else if (c == '\'' || c == '\u2019' || c == '\u2018' || c == '`') {
                // apostrophes join: can't -> cant, I'm -> im
            } else if (c == '.' && word.length() > 0 && Character.isDigit(word.charAt(word.length() - 1))
                    && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
                word.append('.'); // 38.5
            } else {
                comma = flush(word, words, commas, comma, vocabulary);
                if (c == ',' || c == ':' || c == '(' || c == ')' || c == '-' && i + 1 < n && text.charAt(i + 1) == ' ') {
                    comma = true; // a pause: it bounds what a time phrase or an "if" refers to
                }
                int lineFrom = lineStarts.isEmpty() ? 0 : lineStarts.get(lineStarts.size() - 1);
                if (c == '\n' && !words.isEmpty() && words.size() - lineFrom <= LINE_JOIN_WORDS && words.size() < JOINED_MAX_WORDS
                        && nextLineShort(text, i + 1)) {
                    // short lines typed one after another ("chest pain / bout half an hour now / wont settle"):
                    // one sentence, each line a clause of its own, so a flag may span the lines but a denial may not
                    lineStarts.add(words.size());
                    comma = true;
                } else if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n') {
                    endSentence(words, commas, sentences, c == '?', lineStarts, vocabulary);
                    comma = false;
                }
            }
        }
        flush(word, words, commas, comma, vocabulary);
        endSentence(words, commas, sentences, false, lineStarts, vocabulary);
        return new NormalizedText(List.copyOf(sentences), letters, nonLatin);
    }

    int wordCount() {
        int count = 0;
        for (Sentence s : sentences) {
            count += s.words().length;
        }
        return count;
    }

    private static boolean flush(StringBuilder word, List<String> words, List<Boolean> commas, boolean comma, Vocabulary vocabulary) {
        if (word.length() == 0) {
            return comma;
        }
        String w = word.toString().toLowerCase(Locale.ROOT);
        word.setLength(0);
        if (!w.chars().allMatch(Character::isLetter)) {
            w = TextFolding.unLeet(w, x -> vocabulary.english(x) || vocabulary.lexicon(x));
        }
        String[] respelt = vocabulary.respell(w);
        String[] pieces = respelt != null ? respelt : vocabulary.english(w) || vocabulary.lexiconWithTypo(w) ? null
                : TextFolding.split(w, vocabulary::english, vocabulary::lexicon);
        if (pieces == null) {
            words.add(w);
            commas.add(comma);
        } else {
            for (int k = 0; k < pieces.length; k++) {
                words.add(pieces[k]);
                commas.add(k == 0 && comma);
            }
        }
        return false;
    }

    /** Whether the line starting at {@code from} holds at most {@link #LINE_JOIN_WORDS} words and no sentence end before its last character. */
    private static boolean nextLineShort(String text, int from) {
        int end = text.indexOf('\n', from);
        String line = (end < 0 ? text.substring(from) : text.substring(from, end)).strip();
        if (line.isEmpty()) {
            return false; // a blank line ends the sentence
        }
        String body = line.substring(0, line.length() - 1);
        return line.split("\\s+").length <= LINE_JOIN_WORDS && body.chars().noneMatch(ch -> ch == '.' || ch == '!' || ch == '?' || ch == ';');
    }

    private static void endSentence(List<String> words, List<Boolean> commas, List<Sentence> sentences, boolean question,
                                    List<Integer> lineStarts, Vocabulary vocabulary) {
        if (words.isEmpty()) {
            lineStarts.clear();
            if (question && !sentences.isEmpty()) {
                Sentence last = sentences.remove(sentences.size() - 1);
                sentences.add(new Sentence(last.words(), last.clause(), true, last.commaBefore()));
            }
            return;
        }
        boolean[] commaBefore = new boolean[words.size()];
        for (int i = 0; i < commaBefore.length; i++) {
            commaBefore[i] = commas.get(i);
        }
        commas.clear();
        String[] w = words.toArray(String[]::new);
        int[] clause = new int[w.length];
        int current = 0;
        for (int i = 0; i < w.length; i++) {
            if (i > 0 && (vocabulary.clauseStart(w[i]) || lineStarts.contains(i))) {
                current++;
            }
            clause[i] = current;
        }
        sentences.add(new Sentence(w, clause, question, commaBefore));
        words.clear();
        lineStarts.clear();
    }
}
