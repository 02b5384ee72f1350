package org.symptomchecker.triage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestFiles;
import org.symptomchecker.embedding.PassageEmbedder;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluation set in guardrails/evaluation, dev and holdout apart, with the semantic net on (the real
 * bge-small model). The floors are the figures measured when the change landed (BENCHMARKS.md): a change
 * that makes either part worse fails here. The product's targets (every EMERGENCY caught, URGENT recall 1,
 * at most 5% of benign cases escalated) are not all met yet; BENCHMARKS.md says where.
 */
class TriageEvaluationTest {

    static final Path GUARDRAILS = Path.of("guardrails");
    static PassageEmbedder embedder;
    static TriageEngine engine;
    static RuleSet rules;
    static List<EvaluationCase> cases;

    @BeforeAll
    static void load() {
        embedder = new PassageEmbedder(2, 1);
        SentenceEncoder encoder = new BgeSentenceEncoder(embedder);
        engine = TriageEngine.withEnglishWords().withEncoder(encoder);
        rules = RuleSetLoader.load(GUARDRAILS, encoder, new ExemplarVectorCache(TestFiles.dataDir().resolve("exemplar-cache"), encoder.modelId()));
        cases = TriageEvaluation.load(GUARDRAILS);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void devMeetsItsFloors() {
        List<EvaluationCase> dev = TriageEvaluation.part(cases, TriageEvaluation.DEV);
        assertThat(dev.size()).isGreaterThanOrEqualTo(2185);
        TriageEvaluation.Result r = TriageEvaluation.run(engine, rules, dev);
        assertThat(r.emergencyUnderTriaged()).as("dev EMERGENCY cases triaged lower:\n" + list(r.emergencyMisses())).isLessThanOrEqualTo(1);
        assertThat(r.urgentRecall()).as("dev URGENT recall; misses:\n" + misses(r, TriageLevel.URGENT)).isGreaterThanOrEqualTo(0.99);
        assertThat(r.benignEscalatedShare()).as("dev SELF_CARE/NONE escalated").isLessThanOrEqualTo(0.056);
    }

    @Test
    void holdoutMeetsItsFloors() {
        List<EvaluationCase> holdout = TriageEvaluation.part(cases, TriageEvaluation.HOLDOUT);
        assertThat(holdout.size()).isGreaterThanOrEqualTo(10428);
        TriageEvaluation.Result r = TriageEvaluation.run(engine, rules, holdout);
        // no texts in the messages: a held-out case that is looked at moves to dev
        assertThat(r.emergencyUnderTriaged()).as("holdout EMERGENCY cases triaged lower").isLessThanOrEqualTo(68);
        assertThat(r.urgentRecall()).as("holdout URGENT recall").isGreaterThanOrEqualTo(0.99);
        assertThat(r.benignEscalatedShare()).as("holdout SELF_CARE/NONE escalated").isLessThanOrEqualTo(0.025);
    }

    @Test
    void theSameInputGivesTheSameOutput() {
        List<EvaluationCase> sample = TriageEvaluation.part(cases, TriageEvaluation.DEV).subList(0, 50);
        List<String> first = sample.stream().map(c -> engine.triage(rules, c.messages(), c.age(), c.sex()).matches().toString()).toList();
        TriageEngine fresh = TriageEngine.withEnglishWords().withEncoder(engine.encoder()); // no cached windows
        List<String> second = sample.stream().map(c -> fresh.triage(rules, c.messages(), c.age(), c.sex()).matches().toString()).toList();
        assertThat(second).isEqualTo(first);
    }

    private static String list(List<TriageEvaluation.Miss> misses) {
        return misses.stream().map(Object::toString).collect(Collectors.joining("\n"));
    }

    private static String misses(TriageEvaluation.Result r, TriageLevel expected) {
        return list(r.misses().stream().filter(m -> m.expected() == expected).toList());
    }
}
