package org.symptomchecker.console.releases;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The diff a reviewer reads: changed lines with a little context, long unchanged stretches folded. */
class LineDiffTest {

    private static String kinds(List<LineDiff.Line> lines) {
        return lines.stream().map(l -> String.valueOf(l.kind())).collect(Collectors.joining());
    }

    @Test
    void aChangedLineIsRemovedThenAddedWithItsNeighbours() {
        List<LineDiff.Line> d = LineDiff.of("a\nb\nc\n", "a\nB\nc\n");
        assertThat(kinds(d)).isEqualTo(" -+ ");
        assertThat(d.get(1)).isEqualTo(new LineDiff.Line('-', 2, 0, "b"));
        assertThat(d.get(2)).isEqualTo(new LineDiff.Line('+', 0, 2, "B"));
    }

    @Test
    void aNewFileIsAllAddedAndARemovedOneAllRemoved() {
        assertThat(kinds(LineDiff.of(null, "x\ny"))).isEqualTo("++");
        assertThat(kinds(LineDiff.of("x\ny", null))).isEqualTo("--");
        assertThat(LineDiff.of("same\n", "same\n")).isEmpty();
    }

    @Test
    void farFromAChangeTheUnchangedLinesAreFolded() {
        String before = IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        String after = before.replace("line 50\n", "line fifty\n");
        List<LineDiff.Line> d = LineDiff.of(before, after);
        assertThat(kinds(d)).isEqualTo("@   -+   @");
        assertThat(d.get(0).text()).isEqualTo("46 unchanged line(s)");
        assertThat(d.get(4).before()).isEqualTo(50);
        assertThat(d.get(5).after()).isEqualTo(50);
    }

    @Test
    void insertedLinesInTheMiddleAreOnlyAdded() {
        assertThat(kinds(LineDiff.of("a\nb\nc\nd", "a\nb\nx\ny\nc\nd"))).isEqualTo("  ++  ");
        assertThat(kinds(LineDiff.of("a\nx\nb\ny\nc", "a\nb\nc"))).isEqualTo(" - - ");
    }

    @Test
    void theAllowListReadsRegionNumberPairs() {
        assertThat(PublishGate.allowList("US=911, uk = 999,EU=112,bad")).containsExactly(
                java.util.Map.entry("US", "911"), java.util.Map.entry("UK", "999"), java.util.Map.entry("EU", "112"));
    }
}
