package org.symptomchecker.triage;

import org.junit.jupiter.api.Test;
import org.symptomchecker.TestFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bank's vectors on disk: a restart embeds nothing it has seen; another model never reuses them. */
class ExemplarVectorCacheTest {

    /** Counts what it is asked to embed; vectors derived from the text, so a mix-up would show. */
    static final class CountingEncoder implements SentenceEncoder {
        final List<String> embedded = new ArrayList<>();
        final String model;

        CountingEncoder(String model) {
            this.model = model;
        }

        @Override
        public List<float[]> encodeAll(List<String> texts) {
            embedded.addAll(texts);
            return texts.stream().map(t -> new float[] {t.length(), t.hashCode()}).toList();
        }

        @Override
        public float[] encode(String text) {
            return encodeAll(List.of(text)).get(0);
        }

        @Override
        public String modelId() {
            return model;
        }
    }

    @Test
    void aRestartEmbedsOnlyNewTextsAndAnotherModelStartsAfresh() throws Exception {
        Path dir = Files.createDirectories(TestFiles.dataDir().resolve("cache-test-" + System.nanoTime()));
        CountingEncoder first = new CountingEncoder("m1");
        List<float[]> before = new ExemplarVectorCache(dir, "m1").vectors(List.of("my chest is crushing", "I cannot breathe"), first);
        assertThat(first.embedded).hasSize(2);

        CountingEncoder second = new CountingEncoder("m1");
        ExemplarVectorCache reopened = new ExemplarVectorCache(dir, "m1");
        List<float[]> after = reopened.vectors(List.of("I cannot breathe", "my chest is crushing", "a new exemplar"), second);
        assertThat(second.embedded).containsExactly("a new exemplar");
        assertThat(reopened.embedded()).isEqualTo(1);
        assertThat(after.get(0)).containsExactly(before.get(1));
        assertThat(after.get(1)).containsExactly(before.get(0));

        CountingEncoder other = new CountingEncoder("m2");
        new ExemplarVectorCache(dir, "m2").vectors(List.of("I cannot breathe"), other);
        assertThat(other.embedded).containsExactly("I cannot breathe");
    }

    @Test
    void aDamagedCacheFileIsRebuiltNotTrusted() throws Exception {
        Path dir = Files.createDirectories(TestFiles.dataDir().resolve("cache-test-" + System.nanoTime()));
        new ExemplarVectorCache(dir, "m1").vectors(List.of("my chest is crushing"), new CountingEncoder("m1"));
        try (var files = Files.list(dir)) {
            Path file = files.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        }
        CountingEncoder again = new CountingEncoder("m1");
        new ExemplarVectorCache(dir, "m1").vectors(List.of("my chest is crushing"), again);
        assertThat(again.embedded).containsExactly("my chest is crushing");
    }
}
