package org.symptomchecker.triage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Short replies to the service's own yes/no questions, as people write them. */
class AnswerReaderTest {

    /** The shipped rule set: its readings.yaml holds the answer phrases. */
    private static final RuleSet RULES = RuleSetLoader.load(Path.of("guardrails"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            nope                                                                       | NO
            yeah a bit                                                                 | YES
            dunno                                                                      | UNSURE
            actually yes, now you ask, it's been hard to get going the last couple of days | YES
            well no, not that I've noticed                                             | NO
            um yeah since yesterday                                                    | YES
            now you mention it yeah, it feels a bit numb when I sit on the loo          | YES
            come to think of it, no                                                    | NO
            actually                                                                   | OTHER
            my leg hurts more today                                                    | OTHER
            one accident last night, I blamed a dodgy curry                            | YES
            """)
    void reads(String reply, AnswerReader.Answer expected) {
        assertThat(AnswerReader.read(RULES, reply)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1} years")
    @CsvSource(delimiter = '|', textBlock = """
            67              | 67
            I'm 34          | 34
            7 weeks         | 0
            10 days         | 0
            18 months       | 1
            """)
    void readsAnAgeInItsUnits(String reply, int years) {
        assertThat(AnswerReader.number(reply)).isEqualTo(years);
        assertThat(AnswerReader.ageInUnits(reply)).isEqualTo(!reply.matches("(I'm )?\\d+"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            my 20 yo son hurt his back           | 20
            I hurt my back lifting my 2 year old |
            my son is 13 and limping             | 13
            """)
    void readsAStatedAge(String text, Integer age) {
        assertThat(AnswerReader.statedAge(RULES, text)).isEqualTo(age);
    }

    @Test
    void theEntryPointsWithoutARuleSetReadWithTheOneInUse() {
        AnswerReader.use(RULES); // as Guardrails does at start-up and on every reload
        assertThat(AnswerReader.read("nope")).isEqualTo(AnswerReader.Answer.NO);
        assertThat(AnswerReader.kind("dunno")).isEqualTo("UNSURE");
        assertThat(AnswerReader.statedAge("I'm 34")).isEqualTo(34);
    }
}
