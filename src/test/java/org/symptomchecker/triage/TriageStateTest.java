package org.symptomchecker.triage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversation's kept triage state: read one message at a time, written to JSON and read back between
 * messages (as the service stores it), it gives after every message exactly what triaging the whole
 * conversation so far gives. Run over every multi-message conversation of the evaluation set.
 */
class TriageStateTest {

    static RuleSet rules;
    static TriageEngine engine;
    static List<EvaluationCase> conversations;

    @BeforeAll
    static void load() {
        rules = RuleSetLoader.load(Path.of("guardrails"));
        engine = TriageEngine.withEnglishWords();
        conversations = TriageEvaluation.load(Path.of("guardrails")).stream().filter(c -> c.messages().size() > 1).toList();
    }

    @Test
    void foldingTurnByTurnThroughJsonGivesWhatTheWholeConversationGives() {
        assertThat(conversations).hasSizeGreaterThan(500);
        int compared = 0;
        for (EvaluationCase c : conversations) {
            TriageState state = new TriageState(rules.version());
            List<TriageMessage> sofar = new ArrayList<>();
            for (TriageMessage m : c.messages()) {
                sofar.add(m);
                if (!m.fromUser()) {
                    state.asked(m.asks());
                    continue;
                }
                state = TriageState.fromJson(state.toJson());
                TriageOutcome stepped = engine.advance(rules, state, List.of(m), c.age(), c.sex());
                TriageOutcome whole = engine.triage(rules, sofar, c.age(), c.sex());
                assertThat(stepped).as(c.source() + " after " + sofar.size() + " messages").isEqualTo(whole);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(1500);
    }

    @Test
    void aStateOfAnotherRuleSetIsRefused() {
        TriageState old = new TriageState("some-older-version");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.advance(rules, old, List.of(TriageMessage.user("hi")), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whatThePersonSaidAndTheirAgeAreKept() {
        TriageState state = new TriageState(rules.version());
        engine.advance(rules, state, List.of(TriageMessage.user("my lower back hurts"), TriageMessage.user("i'm 34")), null, null);
        TriageState back = TriageState.fromJson(state.toJson());
        assertThat(back.said()).contains("back_pain");
        assertThat(back.ageStated()).isTrue();
        assertThat(back.userMessages()).isEqualTo(2);
    }
}
