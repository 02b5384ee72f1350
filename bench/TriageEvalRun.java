import org.symptomchecker.embedding.PassageEmbedder;
import org.symptomchecker.triage.BgeSentenceEncoder;
import org.symptomchecker.triage.EvaluationCase;
import org.symptomchecker.triage.ExemplarVectorCache;
import org.symptomchecker.triage.RuleSet;
import org.symptomchecker.triage.RuleSetLoader;
import org.symptomchecker.triage.SentenceEncoder;
import org.symptomchecker.triage.TriageEngine;
import org.symptomchecker.triage.TriageEvaluation;
import org.symptomchecker.triage.TriageLevel;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The triage evaluation in process (the real bge-small model), each file apart: dev and holdout writers
 * reported separately, like bench/triage_eval.py but without a running service. Holdout cases are
 * counted, never printed, and only run with `--holdout`; `--dev-misses` lists dev misses, `--matrix` prints confusion matrices; `--look X` lists holdout writer X's unsafe misses (which must then move to dev). Run after a build: see bench/README.md.
 */
public class TriageEvalRun {
    public static void main(String[] args) throws Exception {
        Path guardrails = Path.of(args.length > 0 ? args[0] : "guardrails");
        boolean devMisses = List.of(args).contains("--dev-misses");
        boolean holdout = List.of(args).contains("--holdout"); // off while tuning: holdout figures are taken once per change
        PassageEmbedder embedder = new PassageEmbedder(2, 1);
        SentenceEncoder encoder = new BgeSentenceEncoder(embedder);
        RuleSet rules = RuleSetLoader.load(guardrails, encoder, new ExemplarVectorCache(Path.of("target/bench-exemplar-cache"), encoder.modelId()));
        TriageEngine engine = TriageEngine.withEnglishWords().withEncoder(encoder);
        List<EvaluationCase> all = TriageEvaluation.load(guardrails);
        Map<String, List<EvaluationCase>> groups = new TreeMap<>();
        for (EvaluationCase c : all) {
            String file = c.source().split(":")[0];
            boolean held = file.startsWith(TriageEvaluation.HOLDOUT);
            if (held && holdout || !held) {
                String part = held ? "holdout " + file.replaceAll(".*writer-([a-z]+)-.*", "$1") : "dev";
                groups.computeIfAbsent(part, k -> new java.util.ArrayList<>()).add(c);
            }
        }
        if (holdout) {
            groups.put("holdout (all)", TriageEvaluation.part(all, TriageEvaluation.HOLDOUT));
        }
        String look = List.of(args).contains("--look") ? args[List.of(args).indexOf("--look") + 1] : null;
        for (Map.Entry<String, List<EvaluationCase>> g : groups.entrySet()) {
            TriageEvaluation.Result r = TriageEvaluation.run(engine, rules, g.getValue());
            var em = r.confusion().get(TriageLevel.EMERGENCY);
            int emTotal = em.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("%-14s n=%4d  EMERGENCY caught %d/%d  URGENT recall %.3f  benign escalated %.3f%n", g.getKey(), r.cases(),
                    emTotal - r.emergencyUnderTriaged(), emTotal, r.urgentRecall(), r.benignEscalatedShare());
            if (List.of(args).contains("--matrix")) {
                System.out.println("    expected \\ triaged   NONE SELF_CARE ROUTINE URGENT EMERGENCY");
                for (TriageLevel e : TriageLevel.values()) {
                    StringBuilder row = new StringBuilder(String.format("    %-18s", e));
                    for (TriageLevel a : TriageLevel.values()) {
                        row.append(String.format("%6d", r.confusion().get(e).getOrDefault(a, 0)));
                    }
                    System.out.println(row);
                }
            }
            // looking at a holdout writer's misses moves them to dev (bench/holdout_move.py): the protocol
            if (devMisses && g.getKey().equals("dev") || look != null && g.getKey().equals("holdout " + look)) {
                for (TriageEvaluation.Miss m : r.misses()) {
                    boolean unsafe = m.expected().ordinal() >= TriageLevel.URGENT.ordinal() && m.actual().ordinal() < m.expected().ordinal()
                            || m.expected().ordinal() <= TriageLevel.SELF_CARE.ordinal() && m.actual().ordinal() >= TriageLevel.URGENT.ordinal();
                    if (unsafe) {
                        System.out.println("  " + m.source() + " " + m.expected() + " -> " + m.actual() + ": " + m.text());
                    }
                }
            }
        }
        embedder.close();
    }
}
