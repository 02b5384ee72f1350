package org.symptomchecker.triage;

import java.util.List;

/**
 * What triage found in a conversation: the level, the rules that matched (highest level first), the
 * concept mentions that made them match, and the fixed response the level calls for.
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
        String ruleSetVersion) {

    /** A concept mention that a matched rule used, with the words it was found in. */
    public record Match(String ruleId, String concept, String text) {
    }

    public Triage triage() {
        return new Triage(level, ruleIds, ruleSetVersion);
    }

    /** EMERGENCY and URGENT replies come only from the response templates. */
    public boolean routed() {
        return level == TriageLevel.EMERGENCY || level == TriageLevel.URGENT;
    }
}
