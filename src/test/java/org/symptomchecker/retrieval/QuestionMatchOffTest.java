package org.symptomchecker.retrieval;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus of {@link QuestionMatchTest} with question matching off ({@code symptom.index.question-weight=0}): the
 * passages alone rank the plainer page above the question-answer document whose stored question was asked.
 */
@QuarkusTest
@TestProfile(QuestionMatchOffTest.PassagesOnly.class)
class QuestionMatchOffTest {

    /** The same data folder and database, question matching off. */
    public static class PassagesOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("symptom.index.question-weight", "0");
        }
    }

    @Test
    void passagesAloneDoNotFindTheStoredQuestionsDocumentFirst() {
        QuestionMatchTest.writeCorpus();

        assertThat(QuestionMatchTest.search("hybrid")).first().isEqualTo(QuestionMatchTest.PLAIN_PAGE);
        assertThat(QuestionMatchTest.search("hybrid")).contains(QuestionMatchTest.QA_DOCUMENT);
        assertThat(QuestionMatchTest.search("vector")).first().isNotEqualTo(QuestionMatchTest.QA_DOCUMENT);
    }
}
