package org.symptomchecker.embedding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeptByTextTest {

    @Test
    void theLeastRecentlyUsedIsDroppedPastTheBound() {
        KeptByText<float[]> kept = new KeptByText<>(2);
        kept.put("a", new float[] {1});
        kept.put("b", new float[] {2});
        assertThat(kept.get("a")).containsExactly(1f); // "a" is now the most recently used
        kept.put("c", new float[] {3});
        assertThat(kept.get("b")).isNull();
        assertThat(kept.get("a")).containsExactly(1f);
        assertThat(kept.get("c")).containsExactly(3f);
    }

    @Test
    void askingWhetherATextIsKeptDoesNotUseIt() {
        KeptByText<float[]> kept = new KeptByText<>(2);
        kept.put("a", new float[] {1});
        kept.put("b", new float[] {2});
        assertThat(kept.contains("a")).isTrue();
        kept.put("c", new float[] {3});
        assertThat(kept.contains("a")).isFalse();
        assertThat(kept.contains("b")).isTrue();
    }

    @Test
    void zeroKeepsNothingAndANegativeBoundIsRefused() {
        KeptByText<float[]> none = new KeptByText<>(0);
        none.put("a", new float[] {1});
        assertThat(none.get("a")).isNull();
        assertThat(none.contains("a")).isFalse();
        assertThatThrownBy(() -> new KeptByText<float[]>(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
