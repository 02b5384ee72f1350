package org.symptomchecker.triage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped lexicon (net off) on what a negation, a story frame, a calendar year or a lifted child
 * reaches, both ways: the benign reading where it is benign, and the red flag where one is said.
 */
class ScopeAndFrameTest {

    static RuleSet rules;
    static TriageEngine engine;

    @BeforeAll
    static void load() {
        rules = RuleSetLoader.load(Path.of("guardrails"));
        engine = TriageEngine.withEnglishWords();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Denies numbness, weakness or bladder problems.                                                  | 45 | ROUTINE
            wrenched my back lifting a sofa, no numbness, weakness, or bladder problems                    | 45 | SELF_CARE
            no fever, crushing chest pain                                                                   |    | EMERGENCY
            no fever, and now I can't feel my bum                                                           |    | EMERGENCY
            No chest pain, no breathing problems, nothing like that, I'm feeling fine.                      |    | NONE
            never had crushing chest pain like this before                                                  |    | EMERGENCY
            Our book club picked a thriller where the detective has a seizure in chapter three.              |    | NONE
            I was watching a film and suddenly got crushing chest pain                                      |    | EMERGENCY
            we watched a film about a man who had a stroke and now my dad's face is drooping                |    | EMERGENCY
            Back in 2008 I was in a bad car crash and broke my pelvis. All healed now.                      |    | NONE
            My wife had one seizure after a head injury in 2010, never had another.                         |    | NONE
            hurt my back lifting my toddler yesterday                                                       | 31 | SELF_CARE
            my toddler keeps crying and says her back hurts                                                 |  2 | URGENT
            I'm 31, had a slipped disc diagnosed last month. Today I pooed myself without feeling it coming. | 31 | EMERGENCY
            pain between my shoulders going round into my chest, started an hour ago                        |    | EMERGENCY
            Big bruise on my thigh from walking into the corner of the desk, it's gone purple and green.    |    | SELF_CARE
            my baby is going blue                                                                           |  0 | EMERGENCY
            weight has dropped 8kg in 2 months not dieting and back hurts at night                          |    | URGENT
            not eating and vomiting blood since this morning                                                |    | EMERGENCY
            3 weeks of low back pain with no history of injury.                                             | 30 | SELF_CARE
            I have no spleen and a fever of 38.5                                                            |    | URGENT
            I've had no spleen since an accident years ago. Which vaccines should I be keeping up with?     |    | NONE
            mi back a hurt mi bad bad and from last night mi cyaan pee at all                               |    | EMERGENCY
            Abeg my chest dey pain me and I dey sweat too much                                              |    | EMERGENCY
            granny mout twist up one side and she cyaan hold she cup                                        |    | EMERGENCY
            Rolled my ankle at netball, it's swollen but I can walk on it.                                  | 25 | SELF_CARE
            Mild headache after too much screen time, paracetamol sorted it                                 |    | SELF_CARE
            went out in the cold and used my blue inhaler before football, all fine                          |    | NONE
            my blue inhaler isn't helping and I can't catch my breath                                       |    | EMERGENCY
            Multiple myeloma, in remission. Lower back pain came on last week.                              |    | URGENT
            Had my appendix out when I was 12, does that affect anything now?                              |    | NONE
            The match was a bloodbath, our defence collapsed in the second half                            |    | NONE
            Care home night shift. Resident was given another resident's meds by mistake including oxycodone 10 mg. She's very sleepy now. | | EMERGENCY
            """)
    void reads(String message, Integer age, TriageLevel expected) {
        TriageOutcome outcome = engine.triage(rules, List.of(TriageMessage.user(message)), age, null);
        if (expected == TriageLevel.EMERGENCY || expected == TriageLevel.URGENT) {
            assertThat(outcome.level()).as(outcome.matches().toString()).isEqualTo(expected);
        } else {
            assertThat(outcome.level().ordinal()).as(outcome.level() + " " + outcome.matches()).isLessThan(TriageLevel.URGENT.ordinal());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            chest pain\\nbout half an hour now\\nwont settle                          | EMERGENCY
            cant feel\\nmy bum\\nback killing me                                     | EMERGENCY
            no fever\\ncrushing chest pain                                             | EMERGENCY
            no numbness\\nback sore after lifting                                     | SELF_CARE
            no fever\\nno numbness\\nback sore after lifting                          | SELF_CARE
            """)
    void shortLinesTypedOneAfterAnotherAreReadTogether(String lines, TriageLevel expected) {
        String message = lines.strip().replace("\\n", "\n");
        TriageOutcome outcome = engine.triage(rules, List.of(TriageMessage.user(message)), 30, null);
        if (expected == TriageLevel.EMERGENCY) {
            assertThat(outcome.level()).as(outcome.matches().toString()).isEqualTo(expected);
        } else {
            assertThat(outcome.level().ordinal()).as(outcome.level() + " " + outcome.matches()).isLessThan(TriageLevel.URGENT.ordinal());
        }
    }
}
