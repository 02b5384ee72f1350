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
            """)
    void reads(String message, Integer age, TriageLevel expected) {
        TriageOutcome outcome = engine.triage(rules, List.of(TriageMessage.user(message)), age, null);
        if (expected == TriageLevel.EMERGENCY || expected == TriageLevel.URGENT) {
            assertThat(outcome.level()).as(outcome.matches().toString()).isEqualTo(expected);
        } else {
            assertThat(outcome.level().ordinal()).as(outcome.level() + " " + outcome.matches()).isLessThan(TriageLevel.URGENT.ordinal());
        }
    }
}
