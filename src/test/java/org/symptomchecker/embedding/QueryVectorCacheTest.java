package org.symptomchecker.embedding;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A question asked again is answered from the query-vector cache with the very vector the model gave it. */
class QueryVectorCacheTest {

    private static PassageEmbedder cached;
    private static PassageEmbedder uncached;

    @BeforeAll
    static void load() {
        cached = new PassageEmbedder(1, 1, 2);
        uncached = new PassageEmbedder(1, 1, 0);
    }

    @AfterAll
    static void close() {
        cached.close();
        uncached.close();
    }

    @Test
    void aRepeatedQueryIsNotEmbeddedAgainAndGetsTheSameVector() {
        long before = cached.queriesEmbedded();
        float[] first = cached.embedQuery("what causes a stiff neck");
        float[] again = cached.embedQuery("what causes a stiff neck");
        assertThat(cached.queriesEmbedded() - before).isEqualTo(1);
        assertThat(again).containsExactly(first);
        assertThat(again).containsExactly(uncached.embedQuery("what causes a stiff neck"));
    }

    @Test
    void aCallerChangingItsVectorDoesNotChangeTheKeptOne() {
        float[] first = cached.embedQuery("how long does a cold last");
        float[] copy = first.clone();
        first[0] = 42f;
        assertThat(cached.embedQuery("how long does a cold last")).containsExactly(copy);
    }

    @Test
    void theCacheKeepsOnlyTheMostRecentQueries() {
        cached.embedQuery("is a rash contagious");
        cached.embedQuery("can stress cause hair loss");
        cached.embedQuery("why do my knees ache"); // the cache holds two: the rash question is dropped
        long before = cached.queriesEmbedded();
        cached.embedQuery("why do my knees ache");
        assertThat(cached.queriesEmbedded()).isEqualTo(before);
        cached.embedQuery("is a rash contagious");
        assertThat(cached.queriesEmbedded()).isEqualTo(before + 1);
    }

    @Test
    void aNegativeSizeIsRefusedBeforeTheModelLoads() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PassageEmbedder(1, 1, -1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("query-vector-cache");
    }

    @Test
    void withNoCacheEveryQueryRunsTheModel() {
        long before = uncached.queriesEmbedded();
        uncached.embedQuery("what is a migraine");
        uncached.embedQuery("what is a migraine");
        assertThat(uncached.queriesEmbedded() - before).isEqualTo(2);
    }
}
