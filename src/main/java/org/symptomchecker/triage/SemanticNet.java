package org.symptomchecker.triage;

import java.util.List;

/**
 * The semantic red-flag net: the exemplar bank of {@code exemplars.yaml}, embedded. A window of a
 * message matches a rule when its nearest exemplar of that rule is at least {@code threshold} similar
 * and beats the nearest benign look-alike (group {@code none}) by {@code margin}. It can only add rules,
 * never lower a level.
 */
public final class SemanticNet {

    /** The group of benign look-alikes: they pull windows away from the rules, never raise. */
    public static final String NONE = "none";
    static final SemanticNet EMPTY = new SemanticNet(List.of(), new float[0][], 1, 0, 0);

    /** One exemplar of the bank: its rule (or {@link #NONE}), its text, and where it is written. */
    public record Exemplar(String rule, String text, int line) {
    }

    /** A window that matched a rule, with the exemplar it matched and how similar it was. */
    public record Hit(String rule, String exemplar, double similarity) {
    }

    private final List<Exemplar> exemplars;
    private final float[][] vectors;
    private final double threshold;
    private final double margin;
    /** Below this many words a window needs {@code shortPenalty} more similarity per missing word. */
    static final int SHORT_WINDOW_WORDS = 8;
    private final double shortPenalty;

    /** How many of the bank's most frequent words count as function words ("my", "and", "is"). */
    static final int FUNCTION_WORDS = 80;
    /** Word stems (first 5 letters) of the rules' exemplars, function words aside: a window with none of them is not embedded. */
    private final java.util.Set<String> stems;

    SemanticNet(List<Exemplar> exemplars, float[][] vectors, double threshold, double margin, double shortPenalty) {
        this.stems = stems(exemplars);
        this.shortPenalty = shortPenalty;
        this.exemplars = List.copyOf(exemplars);
        this.vectors = vectors;
        this.threshold = threshold;
        this.margin = margin;
    }

    /** A text as the net compares it: the words the matcher reads, joined by single spaces. */
    static String windowText(String text) {
        StringBuilder sb = new StringBuilder();
        for (NormalizedText.Sentence s : NormalizedText.of(text).sentences) {
            for (String w : s.words()) {
                sb.append(w).append(' ');
            }
        }
        return sb.toString().strip();
    }

    private static java.util.Set<String> stems(List<Exemplar> exemplars) {
        java.util.Map<String, Integer> frequency = new java.util.HashMap<>();
        java.util.Set<String> ruleStems = new java.util.HashSet<>();
        for (Exemplar e : exemplars) {
            for (String w : windowText(e.text()).split(" ")) {
                frequency.merge(stem(w), 1, Integer::sum);
                if (!NONE.equals(e.rule())) {
                    ruleStems.add(stem(w));
                }
            }
        }
        frequency.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(FUNCTION_WORDS).forEach(x -> ruleStems.remove(x.getKey()));
        return java.util.Set.copyOf(ruleStems);
    }

    private static String stem(String word) {
        return word.length() <= 5 ? word : word.substring(0, 5);
    }

    /**
     * Whether a window shares a content word (by its first five letters) with some rule's exemplar: one
     * that shares none is left unembedded, which saves the model's time on small talk.
     */
    boolean mayMatch(String windowText) {
        for (String w : windowText.split(" ")) {
            if (stems.contains(stem(w))) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return vectors.length == 0;
    }

    public int size() {
        return vectors.length;
    }

    /**
     * The rule a window of {@code words} words matches, or null: its nearest exemplar of that rule is at
     * least {@code threshold} similar (plus {@code shortPenalty} for each word under
     * {@link #SHORT_WINDOW_WORDS}) and beats the nearest benign look-alike by {@code margin}.
     */
    Hit match(float[] window, int words) {
        double need = threshold + Math.max(0, SHORT_WINDOW_WORDS - words) * shortPenalty;
        int best = -1;
        double bestSim = -2;
        double bestNone = -2;
        for (int i = 0; i < vectors.length; i++) {
            double sim = dot(window, vectors[i]);
            if (NONE.equals(exemplars.get(i).rule())) {
                bestNone = Math.max(bestNone, sim);
            } else if (sim > bestSim) {
                bestSim = sim;
                best = i;
            }
        }
        if (best < 0 || bestSim < need || bestSim < bestNone + margin) {
            return null;
        }
        return new Hit(exemplars.get(best).rule(), exemplars.get(best).text(), bestSim);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
