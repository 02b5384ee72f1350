package org.symptomchecker.triage;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The safety targets over the whole evaluation set in guardrails/evaluation. */
class TriageEvaluationTest {

    static final Path GUARDRAILS = Path.of("guardrails");

    @Test
    void evaluationSetMeetsTheSafetyTargets() {
        RuleSet rules = RuleSetLoader.load(GUARDRAILS);
        List<EvaluationCase> cases = TriageEvaluation.load(GUARDRAILS);
        assertThat(cases.stream().filter(c -> c.source().startsWith("messages")).count()).isGreaterThanOrEqualTo(300);
        assertThat(cases.stream().filter(c -> c.source().startsWith("conversations")).count()).isGreaterThanOrEqualTo(30);

        TriageEvaluation.Result result = TriageEvaluation.run(TriageEngine.withEnglishWords(), rules, cases);

        String emergencyMisses = result.emergencyMisses().stream().map(Object::toString).collect(Collectors.joining("\n"));
        assertThat(result.emergencyUnderTriaged()).as("EMERGENCY cases triaged lower:\n" + emergencyMisses).isZero();
        assertThat(result.urgentRecall()).as("URGENT recall; misses:\n" + misses(result, TriageLevel.URGENT)).isGreaterThanOrEqualTo(0.97);
        assertThat(result.benignEscalatedShare()).as("SELF_CARE/NONE escalated; misses:\n" + misses(result, TriageLevel.SELF_CARE)
                + "\n" + misses(result, TriageLevel.NONE)).isLessThanOrEqualTo(0.05);
    }

    private static String misses(TriageEvaluation.Result r, TriageLevel expected) {
        return r.misses().stream().filter(m -> m.expected() == expected).map(Object::toString).collect(Collectors.joining("\n"));
    }
}
