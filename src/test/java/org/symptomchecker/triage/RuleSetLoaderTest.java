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
}
