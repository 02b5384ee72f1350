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
    /** The bank's vectors one after another (row i at i * dimensions), for a fast scan. */
    private final float[] flat;
    private final int dimensions;
    /** Whether exemplar i is a benign look-alike. */
    private final boolean[] benign;
    /** The bank's rows of rules' exemplars, and of benign look-alikes. */
    private final int[] ruleRows;
    private final int[] noneRows;
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
        this.flat = new float[vectors.length * dimensions];
        this.benign = new boolean[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dimensions) {
                throw new IllegalArgumentException("exemplar vectors differ in length");
            }
            System.arraycopy(vectors[i], 0, flat, i * dimensions, dimensions);
            benign[i] = NONE.equals(exemplars.get(i).rule());
        }
        this.ruleRows = java.util.stream.IntStream.range(0, benign.length).filter(i -> !benign[i]).toArray();
        this.noneRows = java.util.stream.IntStream.range(0, benign.length).filter(i -> benign[i]).toArray();
        this.threshold = threshold;
        this.margin = margin;
        this.ruleNames = exemplars.stream().map(Exemplar::rule).filter(r -> !NONE.equals(r)).distinct().toList();
        this.ruleOfRow = new int[benign.length];
        for (int i = 0; i < benign.length; i++) {
            ruleOfRow[i] = benign[i] ? -1 : ruleNames.indexOf(exemplars.get(i).rule());
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
        return benign.length == 0;
    }

    public int size() {
        return benign.length;
    }

    /**
     * The rules each window matches, nearest first (empty when none): a window of n words matches a rule
     * when its nearest exemplar of that rule is at least {@code threshold} similar (plus {@code shortPenalty}
     * for each word under {@link #SHORT_WINDOW_WORDS}) and beats the nearest benign look-alike by
     * {@code margin}. The rules' exemplars are read once for all windows; the benign ones only for windows
     * that came near a rule. The caller takes the first rule its own reading does not rule out.
     */
    List<List<Hit>> matchAll(List<float[]> windows, List<String> texts) {
        int n = windows.size();
        int rules = ruleNames.size();
        double[] need = new double[n];
        double[] top = new double[n];
        double[][] bestSim = new double[n][rules];
        int[][] bestRow = new int[n][rules];
        for (int k = 0; k < n; k++) {
            need[k] = threshold + Math.max(0, SHORT_WINDOW_WORDS - texts.get(k).split(" ").length) * shortPenalty;
            top[k] = -2;
            java.util.Arrays.fill(bestSim[k], -2);
        }
        float[][] w = windows.toArray(float[][]::new);
        double[] sims = new double[n];
        for (int i : ruleRows) {
            int r = ruleOfRow[i];
            dots(w, flat, i * dimensions, sims);
            for (int k = 0; k < n; k++) {
                double sim = sims[k];
                if (sim > bestSim[k][r]) {
                    bestSim[k][r] = sim;
                    bestRow[k][r] = i;
                }
                top[k] = Math.max(top[k], sim);
            }
        }
        List<List<Hit>> out = new java.util.ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            if (top[k] < need[k]) {
                out.add(List.of());
                continue;
            }
            double bestNone = -2;
            for (int i : noneRows) {
                bestNone = Math.max(bestNone, dot(windows.get(k), flat, i * dimensions));
            }
            double floor = Math.max(need[k], bestNone + margin);
            List<Hit> hits = new java.util.ArrayList<>();
            for (int r = 0; r < rules; r++) {
                if (bestSim[k][r] >= floor) {
                    Exemplar e = exemplars.get(bestRow[k][r]);
                    hits.add(new Hit(e.rule(), e.text(), bestSim[k][r]));
                }
            }
            hits.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
            out.add(hits);
        }
        return out;
    }

    /**
     * The dot products of every window with the bank's row at {@code from}, four windows per pass over the
     * row (the row is read once for four). Each window's sum is the same whichever windows share its pass:
     * even and odd elements in two sums, added at the end, as {@link #dot} does.
     */
    private static void dots(float[][] w, float[] bank, int from, double[] out) {
        int n = w.length;
        int dim = n == 0 ? 0 : w[0].length;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            float[] a = w[k];
            float[] b = w[k + 1];
            float[] c = w[k + 2];
            float[] d = w[k + 3];
            float ae = 0, be = 0, ce = 0, de = 0, ao = 0, bo = 0, co = 0, dd = 0;
            int j = 0;
            for (; j + 1 < dim; j += 2) {
                float x = bank[from + j];
                float y = bank[from + j + 1];
                ae += a[j] * x;
                be += b[j] * x;
                ce += c[j] * x;
                de += d[j] * x;
                ao += a[j + 1] * y;
                bo += b[j + 1] * y;
                co += c[j + 1] * y;
                dd += d[j + 1] * y;
            }
            if (j < dim) {
                float x = bank[from + j];
                ae += a[j] * x;
                be += b[j] * x;
                ce += c[j] * x;
                de += d[j] * x;
            }
            out[k] = (double) ae + ao;
            out[k + 1] = (double) be + bo;
            out[k + 2] = (double) ce + co;
            out[k + 3] = (double) de + dd;
        }
        for (; k < n; k++) {
            out[k] = dot(w[k], bank, from);
        }
    }

    /** The dot product of {@code a} with the row of {@code bank} that starts at {@code from}: even and odd elements in two sums. */
    private static double dot(float[] a, float[] bank, int from) {
        float even = 0;
        float odd = 0;
        int j = 0;
        for (; j + 1 < a.length; j += 2) {
            even += a[j] * bank[from + j];
            odd += a[j + 1] * bank[from + j + 1];
        }
        if (j < a.length) {
            even += a[j] * bank[from + j];
        }
        return (double) even + odd;
    }
}
