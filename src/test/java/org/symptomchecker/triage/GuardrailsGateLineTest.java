package org.symptomchecker.triage;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up line on the EMERGENCY evaluation cases a rule set places lower: dev and held-out apart. */
class GuardrailsGateLineTest {

    private static EvaluationCase emergency(String source, String text) {
        return new EvaluationCase(source, List.of(TriageMessage.user(text)), null, null, TriageLevel.EMERGENCY, "");
    }

    @Test
    void countsTheMissesOfEachPartApartAndLeavesOtherLevelsOut() {
        EvaluationCase devCaught = emergency("dev/a.jsonl", "crushing chest pain");
        EvaluationCase devMissed = emergency("dev/a.jsonl", "my chest feels heavy");
        EvaluationCase heldCaught = emergency("holdout/writer-b-messages.jsonl", "face drooping on one side");
        EvaluationCase heldMissed1 = emergency("holdout/writer-b-messages.jsonl", "cannot feel my bottom");
        EvaluationCase heldMissed2 = emergency("holdout/writer-c-messages.jsonl", "lips going blue");
        EvaluationCase routine = new EvaluationCase("holdout/writer-c-messages.jsonl", List.of(TriageMessage.user("a runny nose")),
                null, null, TriageLevel.ROUTINE, "");
        List<EvaluationCase> cases = List.of(devCaught, devMissed, heldCaught, heldMissed1, heldMissed2, routine);

        String line = Guardrails.missedEmergencies("v1", cases, Set.of(Guardrails.caseKey(devCaught), Guardrails.caseKey(heldCaught)));

        assertThat(line).isEqualTo("guardrails v1: 3 of 5 EMERGENCY evaluation cases come out lower (dev 1 of 2, held-out 2 of 3);"
                + " a reload that loses one this rule set catches is refused");
    }

    @Test
    void saysNothingWhenEveryEmergencyIsCaught() {
        EvaluationCase dev = emergency("dev/a.jsonl", "crushing chest pain");
        EvaluationCase held = emergency("holdout/writer-b-messages.jsonl", "face drooping on one side");

        assertThat(Guardrails.missedEmergencies("v1", List.of(dev, held), Set.of(Guardrails.caseKey(dev), Guardrails.caseKey(held)))).isNull();
    }
}
