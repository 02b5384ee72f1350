package org.symptomchecker.triage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Short replies to the service's own yes/no questions, as people write them. */
class AnswerReaderTest {

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
            """)
    void reads(String reply, AnswerReader.Answer expected) {
        assertThat(AnswerReader.read(reply)).isEqualTo(expected);
    }
}
