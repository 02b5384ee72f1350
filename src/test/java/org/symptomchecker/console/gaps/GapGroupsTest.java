package org.symptomchecker.console.gaps;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Questions grouped by wording: alike ones together, the biggest group first, unlike ones apart. */
class GapGroupsTest {

    @Test
    void alikeQuestionsShareAGroupAndTheBiggestComesFirst() {
        List<GapGroups.Group> groups = GapGroups.of(List.of(
                Map.entry("why do I get heartburn after eating", "no-answer"),
                Map.entry("what helps with migraines", "no-answer"),
                Map.entry("heartburn after eating every night", "no-answer"),
                Map.entry("Heartburn after eating?", "down-vote")), 5);
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).count()).isEqualTo(3);
        assertThat(groups.get(0).example()).isEqualTo("why do I get heartburn after eating");
        assertThat(groups.get(0).kinds()).containsEntry("no-answer", 2).containsEntry("down-vote", 1);
        assertThat(groups.get(1).example()).isEqualTo("what helps with migraines");
    }

    @Test
    void examplesAreCappedAndRedactionMarksAreNotWords() {
        assertThat(GapGroups.words("My name is [name], call [phone]")).containsExactly("call");
        List<GapGroups.Group> groups = GapGroups.of(List.of(Map.entry("shingles rash", "no-answer"), Map.entry("shingles rash", "no-answer"),
                Map.entry("shingles rash", "no-answer")), 2);
        assertThat(groups.get(0).count()).isEqualTo(3);
        assertThat(groups.get(0).questions()).hasSize(2);
    }
}
