package org.symptomchecker.triage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symptomchecker.GuardrailsCopy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A broken edit is reported with its file, id and line. */
class RuleSetLoaderTest {

    @TempDir
    Path dir;

    private static final String CONCEPTS = """
            concepts:
              - id: back_pain
                patterns:
                  - "back pain|ache"
              - id: saddle_numbness
                patterns:
                  - "numb* ... bum|groin"
            """;

    private void write(String name, String text) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), text);
    }

    private void fixture(String rules) throws IOException {
        GuardrailsCopy.copy(Path.of("guardrails/responses"), dir.resolve("responses"));
        Files.copy(Path.of("guardrails/readings.yaml"), dir.resolve("readings.yaml"));
        write("regions.yaml", "regions:\n  US: {emergency_number: \"911\", crisis_line: \"988\"}\n");
        write("concepts.yaml", CONCEPTS);
        write("rules.yaml", rules);
    }

    @Test
    void validFilesLoad() throws IOException {
        fixture("""
                rules:
                  - id: cauda-equina
                    level: EMERGENCY
                    source: NICE NG59
                    reason: Needs checking now.
                    all: [saddle_numbness]
                    response: emergency
                """);
        RuleSet rules = RuleSetLoader.load(dir);
        assertThat(rules.rules()).extracting(RedFlagRule::id).containsExactly("cauda-equina");
        assertThat(rules.version()).hasSize(12);
    }

    @Test
    void unknownConceptNamesRuleAndLine() throws IOException {
        fixture("""
                rules:
                  - id: cauda-equina
                    level: EMERGENCY
                    source: NICE NG59
                    reason: Needs checking now.
                    all: [saddle_numbnes]
                    response: emergency
                """);
        InvalidRuleSetException e = catchThrowableOfType(() -> RuleSetLoader.load(dir), InvalidRuleSetException.class);
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.file()).isEqualTo("rules.yaml");
            assertThat(err.id()).isEqualTo("cauda-equina");
            assertThat(err.line()).isEqualTo(6);
            assertThat(err.problem()).contains("saddle_numbnes");
        });
    }

    @Test
    void brokenYamlNamesItsLine() throws IOException {
        fixture("rules:\n  - id: x\n    level: [EMERGENCY\n");
        InvalidRuleSetException e = catchThrowableOfType(() -> RuleSetLoader.load(dir), InvalidRuleSetException.class);
        assertThat(e.errors().get(0).file()).isEqualTo("rules.yaml");
        assertThat(e.errors().get(0).line()).isGreaterThan(0);
    }

    @Test
    void brokenConceptsYamlIsReportedOnceThoughTheSpellingsLiveThereToo() throws IOException {
        fixture("rules:\n  - id: r\n    level: URGENT\n    source: s\n    reason: r\n    all: [back_pain]\n    response: urgent\n");
        write("concepts.yaml", "spellings:\n  nite: night\nconcepts: [\n");
        InvalidRuleSetException e = catchThrowableOfType(() -> RuleSetLoader.load(dir), InvalidRuleSetException.class);
        assertThat(e.errors().stream().filter(err -> err.file().equals("concepts.yaml")))
                .singleElement().satisfies(err -> assertThat(err.problem()).startsWith("not valid YAML"));
    }

    @Test
    void aConditionCanNeverLowerOrGateALevel() throws IOException {
        fixture("""
                rules:
                  - id: back-pain
                    level: URGENT
                    source: NICE NG59
                    reason: r
                    all: [back_pain]
                    response: urgent
                    raise:
                      - level: ROUTINE
                        age_over: 50
                """);
        assertThatThrownBy(() -> RuleSetLoader.load(dir)).isInstanceOf(InvalidRuleSetException.class)
                .hasMessageContaining("back-pain").hasMessageContaining("never lowers");
    }

    @Test
    void missingSourceAndResponseAreErrors() throws IOException {
        fixture("""
                rules:
                  - id: r1
                    level: URGENT
                    reason: r
                    all: [back_pain]
                    response: nowhere
                """);
        InvalidRuleSetException e = catchThrowableOfType(() -> RuleSetLoader.load(dir), InvalidRuleSetException.class);
        assertThat(e.errors()).extracting(RuleSetError::problem).anySatisfy(p -> assertThat(p).contains("'source' is required"))
                .anySatisfy(p -> assertThat(p).contains("nowhere"));
    }

    @Test
    void badPatternNamesTheConcept() throws IOException {
        fixture("rules:\n  - id: r\n    level: URGENT\n    source: s\n    reason: r\n    all: [back_pain]\n    response: urgent\n");
        write("concepts.yaml", "concepts:\n  - id: back_pain\n    patterns:\n      - \"... back\"\n");
        InvalidRuleSetException e = catchThrowableOfType(() -> RuleSetLoader.load(dir), InvalidRuleSetException.class);
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.file()).isEqualTo("concepts.yaml");
            assertThat(err.id()).isEqualTo("back_pain");
            assertThat(err.line()).isEqualTo(4);
        });
    }

    @Test
    void spellingsAreReadBeforeThePatternsAndABadOneNamesItsLine() throws IOException {
        fixture("rules:\n  - id: r\n    level: EMERGENCY\n    source: s\n    reason: r\n    all: [saddle_numbness]\n    response: emergency\n");
        write("concepts.yaml", "spellings:\n  bumm: bum\n" + CONCEPTS.substring(CONCEPTS.indexOf("concepts:")));
        RuleSet rules = RuleSetLoader.load(dir);
        TriageOutcome read = TriageEngine.withEnglishWords().triage(rules, List.of(TriageMessage.user("gone numb round my bumm")), null, null);
        assertThat(read.level()).isEqualTo(TriageLevel.EMERGENCY);

        write("concepts.yaml", "spellings:\n  bumm: bum\n  two words: bum\n" + CONCEPTS.substring(CONCEPTS.indexOf("concepts:")));
        InvalidRuleSetException e = catchThrowableOfType(() -> RuleSetLoader.load(dir), InvalidRuleSetException.class);
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.file()).isEqualTo("concepts.yaml");
            assertThat(err.line()).isEqualTo(3);
            assertThat(err.problem()).contains("two words");
        });
    }

    @Test
    void interviewFlowWithAnUnknownConceptNamesFileFlowAndLine() throws IOException {
        fixture("rules:\n  - id: r\n    level: URGENT\n    source: s\n    reason: r\n    all: [back_pain]\n    response: urgent\n");
        write("interviews/back.yaml", """
                id: back
                title: Back
                recognise: [back_pain]
                answer_query: back pain
                questions:
                  - concept: saddle_numbnes
                    text: Any numbness?
                    why: Because.
                """);
        InvalidRuleSetException e = catchThrowableOfType(() -> RuleSetLoader.load(dir), InvalidRuleSetException.class);
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.file()).isEqualTo("interviews/back.yaml");
            assertThat(err.id()).isEqualTo("back");
            assertThat(err.line()).isEqualTo(6);
        });
    }

    // ---- readings.yaml ----

    private static final String VALID_RULES = "rules:\n  - id: r\n    level: EMERGENCY\n    source: s\n    reason: r\n"
            + "    all: [saddle_numbness]\n    response: emergency\n";

    /** The readings.yaml last written by {@link #editReadings}. */
    private String readings;

    /** The shipped readings.yaml with each {@code from} replaced by its {@code to}, written to the fixture. */
    private void editReadings(String... fromTo) throws IOException {
        String text = Files.readString(Path.of("guardrails/readings.yaml"));
        for (int i = 0; i < fromTo.length; i += 2) {
            assertThat(text).contains(fromTo[i]);
            text = text.replace(fromTo[i], fromTo[i + 1]);
        }
        write("readings.yaml", text);
        readings = text;
    }

    /** The errors of a fixture whose readings.yaml is the shipped one edited by {@code fromTo}, each in readings.yaml. */
    private List<RuleSetError> readingsErrors(String... fromTo) throws IOException {
        if (!Files.exists(dir.resolve("rules.yaml"))) {
            fixture(VALID_RULES);
        }
        editReadings(fromTo);
        InvalidRuleSetException e = catchThrowableOfType(() -> RuleSetLoader.load(dir), InvalidRuleSetException.class);
        assertThat(e.errors()).allSatisfy(err -> assertThat(err.file()).isEqualTo("readings.yaml"));
        return e.errors();
    }

    /** The end of the message for a phrase not written as the reader reads it. */
    private static final String READER_FORM = " (lower case, no punctuation, apostrophes dropped, one space between words,"
            + " concepts.yaml's spellings applied)";

    /** The line (from 1) of the edited readings.yaml's first line holding {@code marker}. */
    private int line(String marker) {
        List<String> lines = readings.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " not found");
    }

    @Test
    void anEditedReadingsFileChangesHowMessagesAreRead() throws IOException {
        fixture(VALID_RULES);
        RuleSet before = RuleSetLoader.load(dir);
        TriageEngine engine = TriageEngine.withEnglishWords();
        assertThat(AnswerReader.read(before, "righto")).isEqualTo(AnswerReader.Answer.OTHER);
        assertThat(engine.triage(before, List.of(TriageMessage.user("zero numbness round my bum")), null, null).level())
                .isEqualTo(TriageLevel.EMERGENCY);

        editReadings("  yes: [yes,", "  yes: [righto, yes,", "  words: [no, not,", "  words: [zero, no, not,");
        RuleSet after = RuleSetLoader.load(dir);
        assertThat(AnswerReader.read(after, "righto")).isEqualTo(AnswerReader.Answer.YES); // a new yes-phrase
        assertThat(engine.triage(after, List.of(TriageMessage.user("zero numbness round my bum")), null, null).level())
                .isEqualTo(TriageLevel.NONE); // a new negation word
        assertThat(after.version()).isNotEqualTo(before.version());
    }

    @Test
    void aReadingsPhraseNotAsTheReaderReadsItNamesFileSectionAndLine() throws IOException {
        fixture(VALID_RULES);
        write("concepts.yaml", "spellings:\n  u: you\n" + CONCEPTS);
        List<RuleSetError> errors = readingsErrors(
                "  unsure: [dunno,", "  unsure: [Dunno,",
                "cant tell, cant say, idk,", "can't tell, cant say, idk,",
                "  openers: [actually,", "  openers: ['', actually,",
                "  no: [no, nope,", "  no: [no, nope, no,",
                "  list words: [denies,", "  list words: [denies it,",
                "can you list, list the,", "can you list, can u list, list the,");
        assertThat(errors).extracting(RuleSetError::toString).containsExactlyInAnyOrder(
                "readings.yaml:" + line("unsure: [Dunno") + " [answers: unsure]: 'Dunno' is not written as the reader reads it: 'dunno'" + READER_FORM,
                "readings.yaml:" + line("can't tell") + " [answers: unsure]: 'can't tell' is not written as the reader reads it: 'cant tell'" + READER_FORM,
                "readings.yaml:" + line("openers: ['',") + " [answers: openers]: empty entry",
                "readings.yaml:" + line("no: [no, nope, no,") + " [answers: no]: 'no' is listed twice in the section (first at line "
                        + line("no: [no, nope, no,") + ")",
                "readings.yaml:" + line("list words: [denies it") + " [negation: list words]: 'denies it': this section takes single words",
                "readings.yaml:" + line("can u list") + " [hypothetical: information]: 'can u list' is not written as the reader reads it:"
                        + " 'can you list'" + READER_FORM);
    }

    @Test
    void anUnknownOrMissingReadingsSectionNamesItsLine() throws IOException {
        List<RuleSetError> errors = readingsErrors(
                "  opening phrases:", "  maybes: [perhaps]\n  opening phrases:",
                "  skipped: [any, real]\n", "",
                "\nnet:\n", "\nmood:\n  happy: [yay]\nnet:\n");
        assertThat(errors).extracting(RuleSetError::toString).containsExactlyInAnyOrder(
                "readings.yaml:" + line("maybes:") + " [answers]: unknown section 'maybes' (known in 'answers': unsure, no, yes,"
                        + " openers, opening phrases)",
                "readings.yaml:" + line("mood:") + ": unknown group 'mood' (known: answers, age, clauses, negation, said fine,"
                        + " helping verbs, history, hypothetical, named conditions, reported speech, net)",
                "readings.yaml:" + line("negation:") + " [negation: skipped]: section 'skipped' of 'negation' is missing"
                        + " (the reader needs every section)");
    }

    @Test
    void aBrokenReadingsPatternNamesItsLine() throws IOException {
        List<RuleSetError> errors = readingsErrors(
                "    - '\\bprior\\b'", "    - '\\bprior(\\b'",
                "    - '\\bpmh\\b'", "    - '(pmh)?'",
                "    - '\\bprevious\\b'", "    - '\\bPrevious\\b'",
                "    - '\\b(?:a|an)\\s+(\\d{1,3})", "    - '\\b(?:a|an)\\s+(\\d{1,3})(x)?");
        assertThat(errors).hasSize(4).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(line("prior("));
            assertThat(err.id()).isEqualTo("history: dated");
            assertThat(err.problem()).startsWith("the pattern does not compile");
        }).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(line("(pmh)?"));
            assertThat(err.problem()).contains("matches an empty text");
        }).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(line("Previous"));
            assertThat(err.problem()).contains("lower case");
        }).anySatisfy(err -> {
            assertThat(err.line()).isEqualTo(line("(x)?"));
            assertThat(err.id()).isEqualTo("age: stated");
            assertThat(err.problem()).contains("exactly one group");
        });
    }

    @Test
    void aMissingReadingsFileIsAnError() throws IOException {
        fixture(VALID_RULES);
        Files.delete(dir.resolve("readings.yaml"));
        InvalidRuleSetException e = catchThrowableOfType(() -> RuleSetLoader.load(dir), InvalidRuleSetException.class);
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.file()).isEqualTo("readings.yaml");
            assertThat(err.problem()).contains("missing");
        });
    }
}
