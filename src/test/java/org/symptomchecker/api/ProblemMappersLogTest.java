package org.symptomchecker.api;

import org.junit.jupiter.api.Test;

import java.sql.SQLIntegrityConstraintViolationException;

import static org.assertj.core.api.Assertions.assertThat;

/** What the catch-all mapper writes of an unexpected failure: classes and places, never a message. */
class ProblemMappersLogTest {

    @Test
    void aFailureIsLoggedByItsClassesAndFramesWithoutItsMessages() {
        Exception cause = new SQLIntegrityConstraintViolationException("duplicate key (id)=('voFhPjjNm4WBGx36l8ohqw')");
        Exception failure = new IllegalStateException("could not store 'my chest hurts, Jane Placeholder'", cause);
        String logged = ProblemMappers.withoutMessages(failure);
        assertThat(logged).startsWith("java.lang.IllegalStateException")
                .contains("caused by java.sql.SQLIntegrityConstraintViolationException")
                .contains("\tat org.symptomchecker.api.ProblemMappersLogTest.aFailureIsLoggedByItsClassesAndFramesWithoutItsMessages")
                .doesNotContain("voFhPjjNm4WBGx36l8ohqw").doesNotContain("chest").doesNotContain("Jane");
    }

    @Test
    void aCauseLoopEnds() {
        Exception a = new IllegalStateException("a");
        Exception b = new IllegalArgumentException("b", a);
        a.initCause(b);
        assertThat(ProblemMappers.withoutMessages(a).split("caused by")).hasSize(8);
    }
}
