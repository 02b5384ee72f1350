package org.symptomchecker.triage;

import java.util.List;

/**
 * Which current concepts together mean which level, where that comes from clinically, and what the
 * service then says. Age and sex can only raise a rule's level (never gate it).
 */
public record RedFlagRule(String id, TriageLevel level, String description, String source,
                          List<String> all, List<String> any, List<String> unless, List<Raise> raise,
                          String response, String reason, int line) {

    /** A condition under which the rule's level is raised. */
    public record Raise(TriageLevel level, Integer ageOver, Integer ageUnder, String sex, List<String> any) {
    }
}
