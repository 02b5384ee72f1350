package org.symptomchecker.triage;

import java.util.List;

/**
 * What triage found in a conversation: the level, the rules that matched (highest level first), the
 * concept mentions that made them match, and the fixed response the level calls for. {@code confirm}
 * names the concept to ask about directly when the last message was a correction: the flag it corrects
 * is taken back only when the person answers that question "no".
 */
public record TriageOutcome(
        TriageLevel level,
        List<String> ruleIds,
        List<Match> matches,
        String response,
        String reason,
        boolean informationalMention,
        boolean unreadable,
        boolean emergencyStands,
        String ruleSetVersion,
        String confirm) {

    /** An outcome with nothing to confirm. */
    public TriageOutcome(TriageLevel level, List<String> ruleIds, List<Match> matches, String response, String reason,
                         boolean informationalMention, boolean unreadable, boolean emergencyStands, String ruleSetVersion) {
        this(level, ruleIds, matches, response, reason, informationalMention, unreadable, emergencyStands, ruleSetVersion, null);
    }

    /**
     * What made a rule match: a concept mention with the words it was found in, or (from the semantic
     * net) the words of a message window and the bank's exemplar it matched, with {@code concept} null.
     */
    public record Match(String ruleId, String concept, String text, String exemplar) {

        public Match(String ruleId, String concept, String text) {
            this(ruleId, concept, text, null);
        }
    }

    public Triage triage() {
        return new Triage(level, ruleIds, ruleSetVersion);
    }

    /** EMERGENCY and URGENT replies come only from the response templates. */
    public boolean routed() {
        return level == TriageLevel.EMERGENCY || level == TriageLevel.URGENT;
    }
}
