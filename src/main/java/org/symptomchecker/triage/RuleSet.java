package org.symptomchecker.triage;

import java.util.List;
import java.util.Map;

/** One validated, immutable version of the rule files: lexicon, rules, responses, regions. */
public final class RuleSet {

    private final String version;
    private final Map<String, Concept> concepts;
    private final List<RedFlagRule> rules;
    private final Map<String, String> responses;
    private final Map<String, Region> regions;
    private final PatternMatcher matcher;

    RuleSet(String version, Map<String, Concept> concepts, List<RedFlagRule> rules, Map<String, String> responses,
            Map<String, Region> regions, PatternMatcher matcher) {
        this.version = version;
        this.concepts = Map.copyOf(concepts);
        this.rules = List.copyOf(rules);
        this.responses = Map.copyOf(responses);
        this.regions = Map.copyOf(regions);
        this.matcher = matcher;
    }

    /** A short hash of the rule files' content: replies record which rules triaged them. */
    public String version() {
        return version;
    }

    public Map<String, Concept> concepts() {
        return concepts;
    }

    public List<RedFlagRule> rules() {
        return rules;
    }

    public Map<String, String> responses() {
        return responses;
    }

    public Map<String, Region> regions() {
        return regions;
    }

    PatternMatcher matcher() {
        return matcher;
    }
}
