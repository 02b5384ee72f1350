package org.symptomchecker.triage;

import java.util.List;
import java.util.Map;

/** One validated, immutable version of the rule files: lexicon, rules, responses, regions, the reader's phrases. */
public final class RuleSet {

    private final String version;
    private final Map<String, Concept> concepts;
    private final List<RedFlagRule> rules;
    private final Map<String, String> responses;
    private final Map<String, Region> regions;
    private final PatternMatcher matcher;
    private final java.util.Set<String> redFlagConcepts;

    private final List<org.symptomchecker.triage.InterviewFlow> flows;
    private final SemanticNet net;
    private final Map<String, String[]> spellings;
    /** The rules by id, for the net's many lookups per message. */
    private final Map<String, RedFlagRule> byId;
    private final Readings readings;
    private final MentionReader mentionReader;

    RuleSet(String version, Map<String, Concept> concepts, List<RedFlagRule> rules, Map<String, String> responses,
            Map<String, Region> regions, PatternMatcher matcher, List<org.symptomchecker.triage.InterviewFlow> flows,
            SemanticNet net, Map<String, String[]> spellings, Readings readings) {
        this.readings = readings;
        this.mentionReader = new MentionReader(readings);
        this.flows = List.copyOf(flows);
        this.spellings = Map.copyOf(spellings);
        this.net = net;
        this.version = version;
        this.concepts = Map.copyOf(concepts);
        this.rules = List.copyOf(rules);
        this.byId = rules.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(RedFlagRule::id, r -> r, (a, b) -> a));
        this.responses = Map.copyOf(responses);
        this.regions = Map.copyOf(regions);
        this.matcher = matcher;
        java.util.Set<String> flags = new java.util.HashSet<>();
        for (RedFlagRule r : rules) {
            if (r.level().ordinal() >= TriageLevel.URGENT.ordinal()) {
                if (r.all().size() == 1 && r.any().isEmpty()) {
                    flags.addAll(r.all());
                } else if (r.all().isEmpty()) {
                    flags.addAll(r.any());
                }
            }
        }
        this.redFlagConcepts = java.util.Set.copyOf(flags);
    }

    /** The words a typed word stands for ("cyaan" -> "cant", "nite" -> "night"), from concepts.yaml's {@code spellings}, or null. */
    String[] respelling(String word) {
        return spellings.get(word);
    }

    /** Concepts that on their own make an URGENT or EMERGENCY rule match: the red-flag words. */
    public java.util.Set<String> redFlagConcepts() {
        return redFlagConcepts;
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

    /** The screening interviews, specific ones first, the fallback last. */
    public List<org.symptomchecker.triage.InterviewFlow> flows() {
        return flows;
    }

    /** The choice question that screens a concept, if a flow asks it as a choice. */
    public org.symptomchecker.triage.InterviewFlow.Question choiceQuestion(String concept) {
        for (var flow : flows) {
            for (var q : flow.questions()) {
                if (q.type() == org.symptomchecker.triage.InterviewFlow.Type.CHOICE && q.concept().equals(concept)) {
                    return q;
                }
            }
        }
        return null;
    }

    /** The semantic red-flag net (empty when the rule set was loaded without an encoder). */
    public SemanticNet net() {
        return net;
    }

    /** A rule by id, or null. */
    public RedFlagRule rule(String id) {
        return id == null ? null : byId.get(id);
    }

    public Map<String, Region> regions() {
        return regions;
    }

    PatternMatcher matcher() {
        return matcher;
    }

    /** The reader's words and phrases (readings.yaml). */
    Readings readings() {
        return readings;
    }

    /** How this rule set judges a mention: negated, history, hypothetical or current. */
    MentionReader mentionReader() {
        return mentionReader;
    }
}
