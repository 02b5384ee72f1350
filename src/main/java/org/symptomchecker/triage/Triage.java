package org.symptomchecker.triage;

import java.util.List;

/** The triage outcome a reply carries: the level, the red-flag rules that matched, the rule-set version. */
public record Triage(TriageLevel level, List<String> ruleIds, String ruleSetVersion) {

    /** No rule matched: no symptom that needs routing was found. */
    public static Triage none(String ruleSetVersion) {
        return new Triage(TriageLevel.NONE, List.of(), ruleSetVersion);
    }
}
