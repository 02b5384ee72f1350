package org.symptomchecker.chat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat stream's sentence split: parts that join to the reply exactly, markers kept with their sentence. */
class ReplySentencesTest {

    @Test
    void theSentenceSplitKeepsTheTextItsParagraphsAndItsMarkers() {
        String text = "Here is what our vetted health information says:\n\nTENS may ease pain [1]. It is safe for most. [2] "
                + "Ask a doctor, e.g. your GP, first [1][2].\nCall 911 now.";
        List<ReplySentences.Sentence> parts = ReplySentences.split(text);
        assertThat(parts).extracting(ReplySentences.Sentence::text).containsExactly(
                "Here is what our vetted health information says:\n\n", "TENS may ease pain [1]. ", "It is safe for most. [2] ",
                "Ask a doctor, e.g. your GP, first [1][2].\n", "Call 911 now.");
        assertThat(parts).extracting(ReplySentences.Sentence::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(ReplySentences.split("")).isEmpty();
        assertThat(ReplySentences.split("It helps. [1]")).extracting(ReplySentences.Sentence::text).containsExactly("It helps. [1]");
        assertThat(ReplySentences.split("It helps! [1, 2]\n\nRest.")).extracting(ReplySentences.Sentence::text)
                .containsExactly("It helps! [1, 2]\n\n", "Rest.");
        assertThat(String.join("", ReplySentences.split("  One.  Two\n\n\nthree ").stream().map(ReplySentences.Sentence::text).toList()))
                .isEqualTo("  One.  Two\n\n\nthree ");
    }
}
