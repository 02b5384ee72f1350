package org.symptomchecker.answer;

import org.junit.jupiter.api.Test;
import org.symptomchecker.corpus.Sections;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped question types (prompts/answer/question-types.yaml): what a question asks, and which sentences lean back. */
class QuestionTypesTest {

    static final QuestionTypes TYPES = QuestionTypes.load(Path.of("prompts", "answer", "question-types.yaml"));

    private static String type(String question) {
        QuestionTypes.Type t = TYPES.of(question);
        return t == null ? null : t.id();
    }

    @Test
    void aQuestionTakesTheFirstTypeWhosePhraseItHolds() {
        assertThat(type("How long does a sprained wrist take to heal?")).isEqualTo("how_long");
        assertThat(type("what's the treatment for a cold")).isEqualTo("treatment");
        assertThat(type("Why does my knee click")).isEqualTo("causes");
        assertThat(type("what stretches are good for a stiff neck")).isEqualTo("exercises");
        assertThat(type("should I see a doctor about a cough")).isEqualTo("when_to_see_doctor");
        assertThat(type("how do I prevent blisters")).isEqualTo("prevention");
        assertThat(type("what are the signs of anaemia")).isEqualTo("symptoms");
        assertThat(type("what is gout")).isEqualTo("what_is");
        assertThat(type("knee")).isNull();
    }

    @Test
    void formsOfAWordMeet() {
        assertThat(QuestionTypes.fold("causes")).isEqualTo(QuestionTypes.fold("cause")).isEqualTo(QuestionTypes.fold("caused"));
        assertThat(QuestionTypes.fold("stretching")).isEqualTo(QuestionTypes.fold("stretches"));
        assertThat(type("Is stretching any use")).isEqualTo("exercises");
    }

    @Test
    void aSentenceLeansOnTheOneBeforeByItsOpeningOrAnEarlyPointingWord() {
        assertThat(TYPES.leansOnPrevious("These conditions can lead to leg pain.")).isTrue();
        assertThat(TYPES.leansOnPrevious("However, most people recover within weeks.")).isTrue();
        assertThat(TYPES.leansOnPrevious("In addition, rest may help.")).isTrue();
        assertThat(TYPES.leansOnPrevious("From a therapist's view, these are good exercises.")).isTrue();
        assertThat(TYPES.leansOnPrevious("Gout is a kind of arthritis caused by uric acid crystals in a joint.")).isFalse();
        assertThat(TYPES.leansOnPrevious("Most people with gout have attacks that come and go over many years, and these can be treated.")).isFalse();
    }

    @Test
    void aHeadingOrAQuestionFormTitleNamesItsType() {
        QuestionTypes.Type treatment = TYPES.types().stream().filter(t -> t.id().equals("treatment")).findFirst().orElseThrow();
        assertThat(QuestionTypes.names(treatment, "Treatment")).isTrue();
        assertThat(QuestionTypes.names(treatment, "What are the treatments for Gout?")).isTrue();
        assertThat(QuestionTypes.names(treatment, "Symptoms and course")).isFalse();
        assertThat(QuestionTypes.names(treatment, "")).isFalse();
    }

    @Test
    void aPlaceInABodyStandsUnderTheLastHeadingBeforeIt() {
        String body = "Intro line.\n\n## Cause\n\nA virus.\n\n### Symptoms and course\n\nA rash. It clears.\n";
        assertThat(Sections.headingAt(body, 0)).isEmpty();
        assertThat(Sections.headingAt(body, body.indexOf("A virus"))).isEqualTo("Cause");
        assertThat(Sections.headingAt(body, body.indexOf("It clears"))).isEqualTo("Symptoms and course");
    }

    /** The words as they were read with a regular expression before the one-pass reading; the two must agree. */
    private static java.util.List<String> regexWords(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT).replace("'", "").replace("\u2019", "").replaceAll("[^a-z0-9&]+", " ").strip();
        java.util.List<String> out = new java.util.ArrayList<>();
        if (!t.isEmpty()) {
            for (String w : t.split(" ")) {
                out.add(QuestionTypes.fold(w));
            }
        }
        return out;
    }

    @Test
    void theOnePassReadingGivesTheWordsTheRegularExpressionGave() throws Exception {
        java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of("", " ", "'", "\u2019\u2019", "Don't", "don\u2019t stop",
                "  It's  the knee's   'worst' pain ", "A&E or 111?", "COVID-19, type-2 diabetes", "\u0130stanbul \u00c9t\u00e9 na\u00efve",
                "caf\u00e9's", "x ' y", "'tis", "end'", "\t\ntabs\r\nand lines", "\ud83d\ude00 emoji \ud83d\ude00", "ABC123def"));
        // every shipped corpus file, line by line: real passages with their punctuation
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(Path.of("corpus"))) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                texts.addAll(java.nio.file.Files.readAllLines(f));
            }
        }
        java.util.Random random = new java.util.Random(12);
        String alphabet = "aZ9&' \u2019-.,\u00e9\u0130\u00df\n";
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = random.nextInt(30); j > 0; j--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(b.toString());
        }
        assertThat(texts).hasSizeGreaterThan(2100);
        for (String text : texts) {
            assertThat(QuestionTypes.words(text)).as(text).isEqualTo(regexWords(text));
        }
    }
}
