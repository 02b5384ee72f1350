package org.symptomchecker.triage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symptomchecker.GuardrailsCopy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How the matcher reads people's words, on a small rule set of its own. */
class TriageEngineTest {

    @TempDir
    static Path dir;
    static RuleSet rules;
    static final TriageEngine ENGINE = new TriageEngine(Set.of("my", "back", "hurts", "the", "is", "a", "and"));

    @BeforeAll
    static void rules() throws IOException {
        GuardrailsCopy.copy(Path.of("guardrails/responses"), dir.resolve("responses"));
        Files.copy(Path.of("guardrails/readings.yaml"), dir.resolve("readings.yaml"));
        Files.writeString(dir.resolve("regions.yaml"), "regions:\n  US: {emergency_number: \"911\", crisis_line: \"988\"}\n");
        Files.writeString(dir.resolve("concepts.yaml"), """
                concepts:
                  - id: back_pain
                    patterns: ["back pain|ache|hurts|hurting"]
                  - id: saddle_numbness
                    patterns: ["numb* ... bum|butt|groin", "cant feel ... bum|butt"]
                  - id: fever
                    patterns: ["fever", "hot and shivery"]
                  - id: fever_normal
                    symptom: false
                    withdraws: [fever]
                    patterns: ["temperature ... normal"]
                  - id: stroke_sign
                    patterns: ["arm ... weak", "face ... droop*"]
                  - id: cancer_history
                    symptom: false
                    history_counts: true
                    patterns: ["had cancer", "history of cancer"]
                """);
        Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - {id: back-self-care, level: SELF_CARE, source: s, reason: r, all: [back_pain], response: self-care}
                  - {id: infection, level: URGENT, source: s, reason: r, all: [back_pain, fever], response: urgent}
                  - {id: cauda-equina, level: EMERGENCY, source: s, reason: r, all: [saddle_numbness], response: emergency}
                  - {id: stroke, level: EMERGENCY, source: s, reason: r, all: [stroke_sign], response: emergency}
                  - id: cancer
                    level: URGENT
                    source: s
                    reason: r
                    all: [back_pain, cancer_history]
                    response: urgent
                  - id: new-back-pain-older
                    level: SELF_CARE
                    source: s
                    reason: r
                    all: [back_pain]
                    response: self-care
                    raise:
                      - {level: URGENT, age_over: 50}
                """);
        rules = RuleSetLoader.load(dir);
    }

    static TriageLevel level(String... userMessages) {
        return ENGINE.triage(rules, List.of(userMessages).stream().map(TriageMessage::user).toList(), null, null).level();
    }

    @Test
    void typosAndLayWordsAreRead() {
        assertThat(level("I have numbnes around my bum")).isEqualTo(TriageLevel.EMERGENCY);
        assertThat(level("I can't feel my butt when I wipe")).isEqualTo(TriageLevel.EMERGENCY);
    }

    @Test
    void negationHasAScopeThatEndsAtButAndAtANewSubject() {
        assertThat(level("I don't have any numbness in my bum")).isEqualTo(TriageLevel.NONE);
        assertThat(level("my back hurts, no fever")).isEqualTo(TriageLevel.SELF_CARE);
        assertThat(level("no fever but I have numbness in my groin")).isEqualTo(TriageLevel.EMERGENCY);
        assertThat(level("no fever and I cant feel my bum")).isEqualTo(TriageLevel.EMERGENCY);
    }

    @Test
    void historyDoesNotCountUnlessTheConceptSaysSo() {
        assertThat(level("my arm went weak 5 years ago. Now my back hurts")).isEqualTo(TriageLevel.SELF_CARE);
        assertThat(level("my back hurts and I had cancer 10 years ago")).isEqualTo(TriageLevel.URGENT);
    }

    @Test
    void cameAndWentIsCurrent() {
        assertThat(level("my arm went weak this morning, it's fine now")).isEqualTo(TriageLevel.EMERGENCY);
    }

    @Test
    void informationQuestionsAreNotSymptomsButAQuestionWithASymptomIs() {
        TriageOutcome info = ENGINE.triage(rules, List.of(TriageMessage.user("what are the signs of numbness in the groin?")), null, null);
        assertThat(info.level()).isEqualTo(TriageLevel.NONE);
        assertThat(info.informationalMention()).isTrue();
        assertThat(level("what should I do if I get numbness in my bum?")).isEqualTo(TriageLevel.NONE);
        assertThat(level("what should I do, I can't feel my bum")).isEqualTo(TriageLevel.EMERGENCY);
        assertThat(level("is it normal to have numbness in my bum?")).isEqualTo(TriageLevel.EMERGENCY);
    }

    @Test
    void thirdPartiesCount() {
        assertThat(level("my dad's face is drooping")).isEqualTo(TriageLevel.EMERGENCY);
    }

    @Test
    void flagsCombineAcrossMessages() {
        assertThat(level("my back hurts", "I'm also hot and shivery")).isEqualTo(TriageLevel.URGENT);
    }

    @Test
    void correctionWithdrawsBelowEmergencyButAnEmergencyStands() {
        assertThat(level("my back hurts and I have a fever", "took my temperature, it's normal")).isEqualTo(TriageLevel.SELF_CARE);
        TriageOutcome stands = ENGINE.triage(rules, List.of(TriageMessage.user("my dad's face is drooping"),
                TriageMessage.user("actually his face is not drooping now")), null, null);
        assertThat(stands.level()).isEqualTo(TriageLevel.EMERGENCY);
        assertThat(stands.emergencyStands()).isTrue();
    }

    @Test
    void answersToTheServicesQuestionsCount() {
        List<TriageMessage> yes = List.of(TriageMessage.user("my back hurts"),
                new TriageMessage("assistant", "Any numbness around your bottom?", "saddle_numbness"), TriageMessage.user("yeah a bit"));
        assertThat(ENGINE.triage(rules, yes, null, null).level()).isEqualTo(TriageLevel.EMERGENCY);
        List<TriageMessage> no = List.of(TriageMessage.user("my back hurts"),
                new TriageMessage("assistant", "Any numbness around your bottom?", "saddle_numbness"), TriageMessage.user("nope"));
        assertThat(ENGINE.triage(rules, no, null, null).level()).isEqualTo(TriageLevel.SELF_CARE);
    }

    @Test
    void ageRaisesButNeverGates() {
        List<TriageMessage> m = List.of(TriageMessage.user("my back hurts"));
        assertThat(ENGINE.triage(rules, m, 72, null).level()).isEqualTo(TriageLevel.URGENT);
        assertThat(ENGINE.triage(rules, m, 30, null).level()).isEqualTo(TriageLevel.SELF_CARE);
        assertThat(ENGINE.triage(rules, List.of(TriageMessage.user("numb bum")), 20, "female").level()).isEqualTo(TriageLevel.EMERGENCY);
    }

    @Test
    void otherLanguagesAndGibberishAreUnreadable() {
        assertThat(ENGINE.triage(rules, List.of(TriageMessage.user("у меня болит спина")), null, null).unreadable()).isTrue();
        assertThat(ENGINE.triage(rules, List.of(TriageMessage.user("asdkj qwpoe zxmvn")), null, null).unreadable()).isTrue();
        assertThat(ENGINE.triage(rules, List.of(TriageMessage.user("my back hurts")), null, null).unreadable()).isFalse();
    }
}
