package org.symptomchecker.llm;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.corpus.Sentences;
import org.symptomchecker.embedding.PassageEmbedder;
import org.symptomchecker.triage.ReplySafetyCheck;
import org.symptomchecker.triage.TriageLevel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-sentence check of a model's reply against the numbered passages it was given: every sentence cites a
 * passage ("[2]") it was given, shares enough of its content words with that passage
 * ({@code symptom.llm.min-overlap}) and is close enough in meaning to one of its sentences (bge-small,
 * {@code symptom.llm.min-similarity}); no sentence doses, diagnoses or reassures against the level
 * ({@link ReplySafetyCheck}), none states a number its passage does not, and none repeats eight words in a row of
 * the system prompt. The vectors of passage sentences are kept (at most {@code PASSAGE_SENTENCES_KEPT}): the same
 * passages come back sentence after sentence, reprompt after reprompt.
 */
@ApplicationScoped
public class Grounding {

    static final Pattern CITATION = Pattern.compile("\\s*\\[(\\d{1,2})\\]");
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+(?:'[a-z]+)?");
    private static final int LEAK_RUN = 8;
    private static final Set<String> STOP = Set.of(("the and for are but not you your with this that from have has had was were will "
            + "can could may might should would its it's into onto than then them they their there these those what when where which who "
            + "whom why how all any some such been being also very more most much many one can't don't does did doing about over under "
            + "out off our ours yours his her hers him she he who's i'm you're it is be as at by of on or to in an a if so do up we us "
            + "just only other each both few own same too").split("\\s+"));

    /** Why a sentence failed, for the reprompt and the log (never the text itself). */
    public record Failure(int sentence, String reason) {
    }

    private final PassageEmbedder embedder;
    private final ReplySafetyCheck safety;
    private final double minOverlap;
    private final double minSimilarity;

    public Grounding(PassageEmbedder embedder, ReplySafetyCheck safety, SymptomConfig config) {
        this.embedder = embedder;
        this.safety = safety;
        this.minOverlap = config.llm().minOverlap();
        this.minSimilarity = config.llm().minSimilarity();
    }

    /** The first failing sentence of a reply, or empty when every sentence holds. */
    public Optional<Failure> check(String reply, List<String> passages, TriageLevel level, String systemPrompt) {
        List<String> sentences = sentences(reply);
        if (sentences.isEmpty()) {
            return Optional.of(new Failure(0, "the reply is empty"));
        }
        List<String> systemWords = words(systemPrompt);
        Set<String> systemRuns = new HashSet<>();
        for (int i = 0; i + LEAK_RUN <= systemWords.size(); i++) {
            systemRuns.add(String.join(" ", systemWords.subList(i, i + LEAK_RUN)));
        }
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            int n = i + 1;
            Set<Integer> cited = cited(sentence);
            if (cited.isEmpty()) {
                return Optional.of(new Failure(n, "sentence " + n + " cites no passage"));
            }
            for (int c : cited) {
                if (c < 1 || c > passages.size()) {
                    return Optional.of(new Failure(n, "sentence " + n + " cites passage [" + c + "], which was not given"));
                }
            }
            String bare = CITATION.matcher(sentence).replaceAll("").strip();
            Optional<ReplySafetyCheck.Failure> unsafe = safety.check(bare, level);
            if (unsafe.isPresent()) {
                return Optional.of(new Failure(n, "sentence " + n + " fails the safety check (" + unsafe.get().name().toLowerCase(Locale.ROOT) + ")"));
            }
            List<String> w = words(bare);
            for (int k = 0; k + LEAK_RUN <= w.size(); k++) {
                if (systemRuns.contains(String.join(" ", w.subList(k, k + LEAK_RUN)))) {
                    return Optional.of(new Failure(n, "sentence " + n + " repeats the instructions"));
                }
            }
            boolean supported = false;
            for (int c : cited) {
                String passage = passages.get(c - 1);
                if (numbersIn(passage).containsAll(numbersIn(bare))
                        && overlap(bare, passage) >= minOverlap && similarity(bare, passage) >= minSimilarity) {
                    supported = true;
                    break;
                }
            }
            if (!supported) {
                return Optional.of(new Failure(n, "sentence " + n + " is not supported by the passage it cites"));
            }
        }
        return Optional.empty();
    }

    /** Citations written after a sentence's full stop ("pain. [1] Next"): moved before it ("pain [1]. Next"). */
    private static final Pattern CITATION_AFTER_STOP = Pattern.compile("([.!?])((?:\\s*\\[\\d{1,2}\\])+)");

    /** The reply's sentences, each with the citations that follow it. */
    public static List<String> sentences(String reply) {
        List<String> out = new ArrayList<>();
        String normalized = CITATION_AFTER_STOP.matcher(reply.strip()).replaceAll(m -> Matcher.quoteReplacement(m.group(2) + m.group(1)));
        for (Sentences.Span s : Sentences.split(normalized)) {
            String t = s.text().strip();
            if (t.isEmpty()) {
                continue;
            }
            // a citation split off on its own ("... pain. [1]") belongs to the sentence before it
            if (!out.isEmpty() && CITATION.matcher(t).replaceAll("").isBlank()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + t);
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** The passage numbers a sentence cites. */
    public static Set<Integer> cited(String sentence) {
        Set<Integer> out = new LinkedHashSet<>();
        Matcher m = CITATION.matcher(sentence);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");

    /**
     * The numbers a text holds ("38.5", "1,000", "3"), as written: a sentence may state no number its passage does not
     * (words and meaning may agree while "two to three days" became "2 to 5 days"); one to twelve count in words too.
     */
    static Set<String> numbersIn(String text) {
        Set<String> out = new HashSet<>();
        String bare = CITATION.matcher(text).replaceAll(" ");
        Matcher m = NUMBER.matcher(bare);
        while (m.find()) {
            out.add(m.group().replace(",", ""));
        }
        for (String w : words(bare)) { // "three days" and "3 days" state the same number
            int n = NUMBER_WORDS.indexOf(w);
            if (n >= 0) {
                out.add(String.valueOf(n + 1));
            }
        }
        return out;
    }

    private static final List<String> NUMBER_WORDS = List.of("one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve");

    /** The share of a sentence's content words (by their first five letters) that the passage holds (its citations left out). */
    public double overlap(String sentence, String passage) {
        Set<String> mine = contentStems(sentence);
        if (mine.isEmpty()) {
            return 0;
        }
        Set<String> theirs = contentStems(passage);
        long found = mine.stream().filter(theirs::contains).count();
        return (double) found / mine.size();
    }

    /** The cosine similarity of a sentence (its citations left out) to the closest sentence of the passage. */
    public double similarity(String sentence, String passage) {
        List<String> theirs = new ArrayList<>();
        Sentences.split(passage).forEach(s -> theirs.add(s.text().strip()));
        theirs.removeIf(String::isBlank);
        if (theirs.isEmpty() || sentence.isBlank()) {
            return 0;
        }
        List<float[]> vectors = passageVectors(theirs);
        float[] mine = embedder.embedSentences(List.of(sentence)).get(0); // the same session as the passage's sentences
        double best = -1;
        for (float[] v : vectors) {
            double dot = 0;
            for (int d = 0; d < v.length; d++) {
                dot += mine[d] * v[d];
            }
            best = Math.max(best, dot);
        }
        return best;
    }

    private static final int PASSAGE_SENTENCES_KEPT = 4096;
    private final org.symptomchecker.embedding.KeptByText<float[]> kept = new org.symptomchecker.embedding.KeptByText<>(PASSAGE_SENTENCES_KEPT);

    /** The vectors of a passage's sentences: those kept, and the rest embedded in one call and kept. */
    private List<float[]> passageVectors(List<String> sentences) {
        List<String> missing = sentences.stream().filter(t -> !kept.contains(t)).distinct().toList();
        if (!missing.isEmpty()) {
            List<float[]> embedded = embedder.embedSentences(missing);
            for (int i = 0; i < missing.size(); i++) {
                kept.put(missing.get(i), embedded.get(i));
            }
        }
        List<float[]> out = new ArrayList<>();
        for (String t : sentences) {
            float[] v = kept.get(t);
            out.add(v != null ? v : embedder.embedSentences(List.of(t)).get(0)); // dropped meanwhile by another thread's additions
        }
        return out;
    }

    private static Set<String> contentStems(String text) {
        Set<String> out = new HashSet<>();
        for (String w : words(text)) {
            if (w.length() >= 3 && !STOP.contains(w) && !w.chars().allMatch(Character::isDigit)) {
                out.add(w.length() > 5 ? w.substring(0, 5) : w);
            }
        }
        return out;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
