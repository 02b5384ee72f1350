package org.symptomchecker.triage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplySafetyCheckTest {

    private final ReplySafetyCheck check = new ReplySafetyCheck();

    @Test
    void dosingInstructionsFail() {
        assertThat(check.check("Take 400 mg of ibuprofen every 6 hours.", TriageLevel.SELF_CARE)).contains(ReplySafetyCheck.Failure.DOSING);
        assertThat(check.check("Give two tablets three times a day.", TriageLevel.NONE)).contains(ReplySafetyCheck.Failure.DOSING);
    }

    @Test
    void definitiveDiagnosisFails() {
        assertThat(check.check("You have sciatica.", TriageLevel.SELF_CARE)).contains(ReplySafetyCheck.Failure.DIAGNOSIS);
        assertThat(check.check("You've got shingles, clearly.", TriageLevel.NONE)).contains(ReplySafetyCheck.Failure.DIAGNOSIS);
    }

    @Test
    void conditionalsAndPlainAdvicePass() {
        assertThat(check.check("If you have back pain with a fever, contact a doctor today.", TriageLevel.NONE)).isEmpty();
        assertThat(check.check("People with diabetes have a higher risk; you have to check your feet.", TriageLevel.NONE)).isEmpty();
        assertThat(check.check("Exercise therapy is effective in decreasing pain.", TriageLevel.SELF_CARE)).isEmpty();
    }

    @Test
    void reassuranceFailsOnlyUnderAFlag() {
        assertThat(check.check("There is nothing to worry about.", TriageLevel.URGENT)).contains(ReplySafetyCheck.Failure.REASSURANCE);
        assertThat(check.check("There is nothing to worry about.", TriageLevel.SELF_CARE)).isEmpty();
    }
}
