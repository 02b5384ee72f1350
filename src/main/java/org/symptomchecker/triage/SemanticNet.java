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
    /**
     * The bank by dimension: {@code columns[j][i]} is element j of exemplar i's vector. A window's similarities
     * to every exemplar are built one dimension at a time by a loop over a whole column, which the JIT turns
     * into vector instructions (five times faster than a dot product per exemplar here).
     */
    private final float[][] columns;
    private final int dimensions;
    private final double threshold;
    private final double margin;
    /** The rules of the bank, and each row's rule as an index into them (-1 for a benign look-alike). */
    private final List<String> ruleNames;
    private final int[] ruleOfRow;
    /** Below this many words a window needs {@code shortPenalty} more similarity per missing word. */
    static final int SHORT_WINDOW_WORDS = 8;
    private final double shortPenalty;

    /** How many of the bank's most frequent words count as function words ("my", "and", "is"). */
    static final int FUNCTION_WORDS = 80;
    /**
     * A stem counts as a rule's word when at least this many of the rules' exemplars hold it (tuned on dev:
     * 1 -> 3 kept every dev emergency, benign escalation 4.7% -> 4.3%, 2,000-character p99 26 -> 19 ms).
     */
    static final int MIN_STEM_EXEMPLARS = 3;
    /** Word stems (first 5 letters) held by at least 3 of the rules' exemplars, function words aside: a window with none of them is not embedded. */
    private final java.util.Set<String> stems;

    SemanticNet(List<Exemplar> exemplars, float[][] vectors, double threshold, double margin, double shortPenalty) {
        this.stems = stems(exemplars);
        this.shortPenalty = shortPenalty;
        this.exemplars = List.copyOf(exemplars);
        this.dimensions = vectors.length == 0 ? 0 : vectors[0].length;
        this.columns = new float[dimensions][vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dimensions) {
                throw new IllegalArgumentException("exemplar vectors differ in length");
            }
            for (int j = 0; j < dimensions; j++) {
                columns[j][i] = vectors[i][j];
            }
        }
        this.threshold = threshold;
        this.margin = margin;
        this.ruleNames = exemplars.stream().map(Exemplar::rule).filter(r -> !NONE.equals(r)).distinct().toList();
        this.ruleOfRow = new int[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            ruleOfRow[i] = NONE.equals(exemplars.get(i).rule()) ? -1 : ruleNames.indexOf(exemplars.get(i).rule());
        }
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
        java.util.Map<String, Integer> inRules = new java.util.HashMap<>();
        for (Exemplar e : exemplars) {
            for (String w : windowText(e.text()).split(" ")) {
                frequency.merge(stem(w), 1, Integer::sum);
                if (!NONE.equals(e.rule())) {
                    inRules.merge(stem(w), 1, Integer::sum);
                }
            }
        }
        java.util.Set<String> ruleStems = new java.util.HashSet<>();
        inRules.forEach((k, v) -> {
            if (v >= MIN_STEM_EXEMPLARS) {
                ruleStems.add(k);
            }
        });
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
        return ruleOfRow.length == 0;
    }

    public int size() {
        return ruleOfRow.length;
    }

    /**
     * The rules each window matches, nearest first (empty when none): a window of n words matches a rule
     * when its nearest exemplar of that rule is at least {@code threshold} similar (plus {@code shortPenalty}
     * for each word under {@link #SHORT_WINDOW_WORDS}) and beats the nearest benign look-alike by
     * {@code margin}. The caller takes the first rule its own reading does not rule out.
     */
    List<List<Hit>> matchAll(List<float[]> windows, List<String> texts) {
        int n = windows.size();
        int rules = ruleNames.size();
        float[][] sims = similarities(windows);
        List<List<Hit>> out = new java.util.ArrayList<>(n);
        double[] bestSim = new double[rules];
        int[] bestRow = new int[rules];
        for (int k = 0; k < n; k++) {
            double need = threshold + Math.max(0, SHORT_WINDOW_WORDS - texts.get(k).split(" ").length) * shortPenalty;
            java.util.Arrays.fill(bestSim, -2);
            double bestNone = -2;
            double top = -2;
            for (int i = 0; i < ruleOfRow.length; i++) {
                double sim = sims[k][i];
                int r = ruleOfRow[i];
                if (r < 0) {
                    bestNone = Math.max(bestNone, sim);
                } else if (sim > bestSim[r]) {
                    bestSim[r] = sim;
                    bestRow[r] = i;
                    top = Math.max(top, sim);
                }
            }
            if (top < need) {
                out.add(List.of());
                continue;
            }
            double floor = Math.max(need, bestNone + margin);
            List<Hit> hits = new java.util.ArrayList<>();
            for (int r = 0; r < rules; r++) {
                if (bestSim[r] >= floor) {
                    Exemplar e = exemplars.get(bestRow[r]);
                    hits.add(new Hit(e.rule(), e.text(), bestSim[r]));
                }
            }
            hits.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
            out.add(hits);
        }
        return out;
    }

    /**
     * Every window's similarity to every exemplar of the bank. An exemplar's sum runs over the dimensions in
     * order, so it is the same whatever windows share the call.
     */
    private float[][] similarities(List<float[]> windows) {
        float[][] sims = new float[windows.size()][ruleOfRow.length];
        for (int k = 0; k < sims.length; k++) {
            float[] w = windows.get(k);
            for (int j = 0; j < dimensions; j++) {
                addScaled(sims[k], w[j], columns[j]);
            }
        }
        return sims;
    }

    /** {@code sum += c * column}, element by element (a loop the JIT vectorises). */
    private static void addScaled(float[] sum, float c, float[] column) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += c * column[i];
        }
    }
}
