import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.WithDefault;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.corpus.PassageSplitter;
import org.symptomchecker.embedding.PassageEmbedder;
import org.symptomchecker.llm.Grounding;
import org.symptomchecker.triage.ReplySafetyCheck;
import org.symptomchecker.triage.TriageLevel;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 10: the LLM grounding check measured on the grounding set (bench/answers/grounding-*.jsonl), with the
 * product's own code ({@link Grounding#overlap}, {@link Grounding#similarity}, {@link Grounding#check}) and the real
 * bge-small model. Run after a build (CP as for TriageBench, see bench/README.md):
 * <pre>
 *   java -cp "$CP" bench/GroundingBench.java                  # dev: thresholds in force, the sweep, the rule's pick
 *   java -cp "$CP" bench/GroundingBench.java --list           # dev, and each dev sentence the thresholds get wrong
 *   java -cp "$CP" bench/GroundingBench.java --holdout        # held-out at the thresholds in force (once per change)
 *   java -cp "$CP" bench/GroundingBench.java --time           # the whole check's time per model answer
 *   java -cp "$CP" bench/GroundingBench.java --passages       # the corpus's passages as TSV (for build/grounding.py)
 * </pre>
 * A sentence is accepted when {@code check} passes it alone, cited "[1]" with its passage as the only one given,
 * at level ROUTINE with the shipped system prompt; the sweep accepts when the other checks pass and the overlap and
 * similarity reach the pair's values. The thresholds in force are SymptomConfig's defaults (application.properties
 * sets none); {@code --overlap X --similarity Y} overrides them.
 */
public class GroundingBench {

    record Row(String id, String passage, String sentence, boolean supported, String kind) {
    }

    record Scored(Row row, double overlap, double similarity, boolean otherChecksPass, boolean acceptedNow) {
        boolean accepted(double minOverlap, double minSimilarity) {
            return otherChecksPass && overlap >= minOverlap && similarity >= minSimilarity;
        }
    }

    /** The embedder, counting its sentence-embedding calls and the texts they embed. */
    static final class CountingEmbedder extends PassageEmbedder {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong texts = new AtomicLong();

        CountingEmbedder(int embedThreads) {
            super(embedThreads, 1);
        }

        @Override
        public List<float[]> embedSentences(List<String> batch) {
            calls.incrementAndGet();
            texts.addAndGet(batch.size());
            return super.embedSentences(batch);
        }
    }

    static final double[] OVERLAPS = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    static final double[] SIMILARITIES = {0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9};
    static final int WARM_UP = 100; // answers checked, untimed, before the timed ones
    static final double LEAST_RECALL = 0.80; // the rule: least false accept while supported acceptance stays >= 80%

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        if (a.contains("--passages")) {
            passages().forEach((key, text) -> System.out.println(key + "\t" + text.replace("\n", "\\n")));
            return;
        }
        double minOverlap = a.contains("--overlap") ? Double.parseDouble(a.get(a.indexOf("--overlap") + 1)) : configured("minOverlap");
        double minSimilarity = a.contains("--similarity") ? Double.parseDouble(a.get(a.indexOf("--similarity") + 1)) : configured("minSimilarity");
        String system = Files.readString(Path.of("prompts/llm/system.txt")).strip();
        int threads = a.contains("--threads") ? Integer.parseInt(a.get(a.indexOf("--threads") + 1)) : Integer.parseInt(defaultOf(SymptomConfig.Index.class, "embedThreads"));
        CountingEmbedder embedder = new CountingEmbedder(threads);
        Grounding now = new Grounding(embedder, new ReplySafetyCheck(), config(minOverlap, minSimilarity));
        if (a.contains("--time")) {
            time(now, system, embedder, a.contains("--answers") ? Integer.parseInt(a.get(a.indexOf("--answers") + 1)) : 300, threads);
        } else {
            String file = a.contains("--holdout") ? "holdout" : "dev";
            Grounding others = new Grounding(embedder, new ReplySafetyCheck(), config(0, -1)); // every check but the two thresholds
            List<Scored> scored = score(load(file), now, others, system);
            report(file, scored, minOverlap, minSimilarity, !a.contains("--holdout"));
            if (a.contains("--list") && !a.contains("--holdout")) { // dev only: held-out sentences are never looked at one by one
                System.out.printf("%ndev errors at overlap %.2f / similarity %.2f:%n", minOverlap, minSimilarity);
                for (Scored x : scored) {
                    if (!x.otherChecksPass()) {
                        System.out.printf("  %s %-16s refused by another check: %s%n", x.row().id(), x.row().kind(), x.row().sentence());
                    } else if (x.row().supported() != x.acceptedNow()) {
                        System.out.printf("  %s %-16s %-8s ov %.2f sim %.3f  %s%n", x.row().id(), x.row().kind(),
                                x.row().supported() ? "refused" : "ACCEPTED", x.overlap(), x.similarity(), x.row().sentence());
                    }
                }
            }
        }
        embedder.close();
    }

    static List<Row> load(String part) throws Exception {
        Map<String, String> known = passages();
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("bench/answers/grounding-" + part + ".jsonl"))) {
            JsonNode n = json.readTree(line);
            String passage = n.get("passage").asText();
            if (!known.containsValue(passage)) {
                throw new IllegalStateException(n.get("case").asText() + ": its passage is no longer a passage of corpus/ (rebuild with build/grounding.py)");
            }
            rows.add(new Row(n.get("case").asText(), passage, n.get("sentence").asText(), n.get("supported").asBoolean(), n.get("kind").asText()));
        }
        return rows;
    }

    static List<Scored> score(List<Row> rows, Grounding now, Grounding others, String system) {
        List<Scored> out = new ArrayList<>();
        for (Row r : rows) {
            String cited = cite(r.sentence(), 1);
            List<String> given = List.of(r.passage());
            out.add(new Scored(r, now.overlap(r.sentence(), r.passage()), now.similarity(r.sentence(), r.passage()),
                    others.check(cited, given, TriageLevel.ROUTINE, system).isEmpty(),
                    now.check(cited, given, TriageLevel.ROUTINE, system).isEmpty()));
        }
        return out;
    }

    /** "It helps." cited [n]: "It helps [n]." */
    static String cite(String sentence, int n) {
        String s = sentence.strip();
        char last = s.charAt(s.length() - 1);
        return ".!?".indexOf(last) >= 0 ? s.substring(0, s.length() - 1) + " [" + n + "]" + last : s + " [" + n + "].";
    }

    static void report(String part, List<Scored> scored, double minOverlap, double minSimilarity, boolean pick) {
        long supported = scored.stream().filter(s -> s.row().supported()).count();
        System.out.printf("%s: %d sentences (%d supported, %d unsupported) from %d cases%n", part, scored.size(), supported,
                scored.size() - supported, scored.stream().map(s -> s.row().id()).distinct().count());
        long mismatch = scored.stream().filter(s -> s.acceptedNow() != s.accepted(minOverlap, minSimilarity)).count();
        System.out.printf("check() at overlap %.2f / similarity %.2f agrees with the sweep's rule on %d of %d sentences%n",
                minOverlap, minSimilarity, scored.size() - mismatch, scored.size());
        long otherFail = scored.stream().filter(s -> !s.otherChecksPass()).count();
        System.out.printf("refused by the other checks (citation, safety, prompt leak) whatever the thresholds: %d (%d supported)%n",
                otherFail, scored.stream().filter(s -> !s.otherChecksPass() && s.row().supported()).count());
        System.out.println();
        System.out.println("Supported accepted (recall) / unsupported wrongly accepted (false accept), overlap rows x similarity columns:");
        StringBuilder head = new StringBuilder("overlap \\ sim");
        for (double s : SIMILARITIES) {
            head.append(String.format(" | %11.2f", s));
        }
        System.out.println(head);
        for (double o : OVERLAPS) {
            StringBuilder line = new StringBuilder(String.format("%13.1f", o));
            for (double s : SIMILARITIES) {
                line.append(String.format(" | %4.2f / %4.2f", recall(scored, o, s), falseAccept(scored, o, s)));
            }
            System.out.println(line);
        }
        System.out.println();
        perKind(scored, "in force", minOverlap, minSimilarity);
        if (pick) {
            double[] best = null;
            for (double o : OVERLAPS) {
                for (double s : SIMILARITIES) {
                    double r = recall(scored, o, s);
                    double f = falseAccept(scored, o, s);
                    if (r >= LEAST_RECALL && (best == null || f < best[3] - 1e-9 || Math.abs(f - best[3]) < 1e-9 && r > best[2] + 1e-9)) {
                        best = new double[] {o, s, r, f};
                    }
                }
            }
            if (best == null) {
                System.out.printf("no pair keeps recall >= %.2f%n", LEAST_RECALL);
            } else {
                System.out.printf("%nthe rule's pick on %s (least false accept with recall >= %.2f, then most recall): overlap %.2f, similarity %.2f%n",
                        part, LEAST_RECALL, best[0], best[1]);
                perKind(scored, "the pick", best[0], best[1]);
            }
        }
    }

    static void perKind(List<Scored> scored, String what, double o, double s) {
        System.out.printf("per kind at %s (overlap %.2f, similarity %.2f): accepted of n; mean overlap, mean similarity%n", what, o, s);
        Map<String, List<Scored>> kinds = new TreeMap<>((x, y) -> x.startsWith("paraphrase") == y.startsWith("paraphrase") ? x.compareTo(y)
                : x.startsWith("paraphrase") ? -1 : 1);
        for (Scored x : scored) {
            kinds.computeIfAbsent(x.row().kind(), k -> new ArrayList<>()).add(x);
        }
        for (Map.Entry<String, List<Scored>> e : kinds.entrySet()) {
            List<Scored> l = e.getValue();
            long acc = l.stream().filter(x -> x.accepted(o, s)).count();
            System.out.printf("  %-18s %-11s %3d / %3d (%5.1f%%)   %.2f  %.2f%n", e.getKey(), l.get(0).row().supported() ? "supported" : "unsupported",
                    acc, l.size(), 100.0 * acc / l.size(), l.stream().mapToDouble(Scored::overlap).average().orElse(0),
                    l.stream().mapToDouble(Scored::similarity).average().orElse(0));
        }
        System.out.printf("  %-30s recall %.3f   false accept %.3f%n", "all", recall(scored, o, s), falseAccept(scored, o, s));
    }

    static double recall(List<Scored> scored, double o, double s) {
        return share(scored, true, o, s);
    }

    static double falseAccept(List<Scored> scored, double o, double s) {
        return share(scored, false, o, s);
    }

    private static double share(List<Scored> scored, boolean supported, double o, double s) {
        List<Scored> l = scored.stream().filter(x -> x.row().supported() == supported).toList();
        return (double) l.stream().filter(x -> x.accepted(o, s)).count() / l.size();
    }

    /**
     * Model-like answers built from the grounding set (both parts: timing chooses nothing): 3-6 sentences citing 3-5
     * numbered passages; all supported, or one unsupported sentence at a random place. A warm-up, then each answer's
     * whole check timed alone on this thread.
     */
    static void time(Grounding grounding, String system, CountingEmbedder embedder, int answers, int threads) throws Exception {
        List<Row> rows = new ArrayList<>(load("dev"));
        rows.addAll(load("holdout"));
        Map<String, List<Row>> byPassage = new LinkedHashMap<>();
        for (Row r : rows) {
            byPassage.computeIfAbsent(r.passage(), k -> new ArrayList<>()).add(r);
        }
        List<String> allPassages = new ArrayList<>(byPassage.keySet());
        Random random = new Random(10);
        // the process's CPU time over each check: what the answer costs the machine, less sensitive than wall time to other load
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (String mix : List.of("all supported", "one unsupported")) {
            List<long[]> runs = new ArrayList<>(); // nanos, embed calls, texts embedded, sentences, accepted, process CPU nanos
            for (int i = 0; i < answers + WARM_UP; i++) {
                List<String> given = new ArrayList<>();
                int passages = 3 + random.nextInt(3);
                List<String> shuffled = new ArrayList<>(allPassages);
                Collections.shuffle(shuffled, random);
                given.addAll(shuffled.subList(0, passages));
                int sentences = 3 + random.nextInt(4);
                int bad = mix.equals("all supported") ? -1 : random.nextInt(sentences);
                StringBuilder answer = new StringBuilder();
                LinkedHashSet<String> used = new LinkedHashSet<>();
                for (int k = 0; k < sentences; k++) {
                    boolean wanted = k != bad;
                    List<Integer> order = new ArrayList<>();
                    for (int p = 0; p < passages; p++) {
                        order.add(p);
                    }
                    Collections.shuffle(order, random);
                    for (int p : order) { // a random given passage that still has a sentence of the kind wanted, not yet used
                        List<Row> candidates = byPassage.get(given.get(p)).stream()
                                .filter(r -> r.supported() == wanted && !used.contains(r.sentence())).toList();
                        if (!candidates.isEmpty()) {
                            Row pick = candidates.get(random.nextInt(candidates.size()));
                            used.add(pick.sentence());
                            answer.append(answer.length() == 0 ? "" : " ").append(cite(pick.sentence(), p + 1));
                            break;
                        }
                    }
                }
                long calls = embedder.calls.get();
                long texts = embedder.texts.get();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                boolean ok = grounding.check(answer.toString(), given, TriageLevel.ROUTINE, system).isEmpty();
                long nanos = System.nanoTime() - t0;
                long cpu = os.getProcessCpuTime() - cpu0;
                if (i >= WARM_UP) { // JIT warm-up
                    runs.add(new long[] {nanos, embedder.calls.get() - calls, embedder.texts.get() - texts, used.size(), ok ? 1 : 0, cpu});
                }
            }
            print(mix, runs, threads);
            print(mix + ", accepted", runs.stream().filter(r -> r[4] == 1).toList(), threads);
        }
    }

    private static void print(String what, List<long[]> runs, int threads) {
        if (runs.isEmpty()) {
            System.out.printf("%-28s no answers%n", what);
            return;
        }
        long[] sorted = runs.stream().mapToLong(r -> r[0]).sorted().toArray();
        System.out.printf("%-28s %3d answers (%d ONNX threads): p50 %5.1f ms  p99 %5.1f ms  mean %5.1f ms; sentences/answer %.1f; "
                        + "embedding calls/answer %.2f (max %d), texts embedded/answer %.1f; answers accepted %d; process CPU/answer p50 %.1f ms mean %.1f ms%n",
                what, runs.size(), threads, sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                runs.stream().mapToLong(r -> r[0]).average().orElse(0) / 1e6, runs.stream().mapToLong(r -> r[3]).average().orElse(0),
                runs.stream().mapToLong(r -> r[1]).average().orElse(0), runs.stream().mapToLong(r -> r[1]).max().orElse(0),
                runs.stream().mapToLong(r -> r[2]).average().orElse(0), runs.stream().mapToLong(r -> r[4]).sum(),
                runs.stream().mapToLong(r -> r[5]).sorted().toArray()[runs.size() / 2] / 1e6, runs.stream().mapToLong(r -> r[5]).average().orElse(0) / 1e6);
    }

    /** Every passage of corpus/ as the product cuts it, keyed "document\tordinal". */
    static Map<String, String> passages() throws Exception {
        int words = Integer.parseInt(defaultOf(SymptomConfig.Corpus.class, "passageWords"));
        Map<String, String> out = new LinkedHashMap<>();
        try (var files = Files.list(Path.of("corpus"))) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".md") || name.equals("README.md") || name.equals("EXCLUDED.md")) {
                    continue;
                }
                String text = Files.readString(p);
                int end = text.indexOf("\n---", 3);
                String body = text.substring(text.indexOf('\n', end + 1) + 1).strip(); // as MarkdownDocumentParser
                for (PassageSplitter.Chunk c : new PassageSplitter(words).split(body)) {
                    out.put(name.substring(0, name.length() - 3) + "\t" + c.ordinal(), c.text());
                }
            }
        }
        return out;
    }

    static double configured(String method) throws Exception {
        return Double.parseDouble(defaultOf(SymptomConfig.Llm.class, method));
    }

    static String defaultOf(Class<?> group, String method) throws Exception {
        return group.getMethod(method).getAnnotation(WithDefault.class).value();
    }

    /** A SymptomConfig holding only the two thresholds the check reads. */
    static SymptomConfig config(double minOverlap, double minSimilarity) {
        SymptomConfig.Llm llm = (SymptomConfig.Llm) Proxy.newProxyInstance(GroundingBench.class.getClassLoader(), new Class<?>[] {SymptomConfig.Llm.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "minOverlap" -> minOverlap;
                    case "minSimilarity" -> minSimilarity;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (SymptomConfig) Proxy.newProxyInstance(GroundingBench.class.getClassLoader(), new Class<?>[] {SymptomConfig.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("llm")) {
                        return llm;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
