package org.symptomchecker.triage;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What triage keeps of a conversation between turns, so that a turn reads only its new message: the
 * concepts present (with the words they were found in), the net's matches, a standing EMERGENCY, the
 * question awaiting an answer, what a correction would take back, "not sure" counts, the age the person
 * gave, and every concept any message said as current. Folding the messages one by one from an empty state
 * gives exactly what triaging the whole conversation gives. A state belongs to one rule set version: under
 * another one the conversation is read again from its turns. It holds the person's words: store it
 * encrypted.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class TriageState {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    String ruleSetVersion;
    /** concept -> the words it was found in. */
    Map<String, String> present = new LinkedHashMap<>();
    /** rule -> the window and exemplar the net matched it to. */
    Map<String, TriageOutcome.Match> semantic = new LinkedHashMap<>();
    /** What the latest flag-raising message added, for a correction to take back. */
    Set<String> lastConcepts = new LinkedHashSet<>();
    Set<String> lastRules = new LinkedHashSet<>();
    /** The flag awaiting a direct "is it still there?" answer. */
    Set<String> correcting = new LinkedHashSet<>();
    String confirm;
    /** The first EMERGENCY reached; it stands for the rest of the conversation. */
    Standing emergency;
    boolean informational;
    boolean unreadable;
    /** What the service's last question asked about. */
    String pendingAsk;
    Map<String, Integer> unsure = new HashMap<>();
    Integer answeredAge;
    /** Every concept a message of the person said as current, in order (the interview does not ask about them). */
    Set<String> said = new LinkedHashSet<>();
    /** Whether any message of the person stated an age. */
    boolean ageStated;
    int userMessages;

    TriageState() {
    }

    TriageState(String ruleSetVersion) {
        this.ruleSetVersion = ruleSetVersion;
    }

    /** The EMERGENCY that stands, as it was when first reached. */
    public record Standing(TriageLevel level, List<String> ruleIds, List<TriageOutcome.Match> matches, String response, String reason) {
    }

    public String ruleSetVersion() {
        return ruleSetVersion;
    }

    /** Concepts the person has said as current in any message (denied later or not). */
    public Set<String> said() {
        return java.util.Collections.unmodifiableSet(said);
    }

    public boolean ageStated() {
        return ageStated;
    }

    /** How many of the person's messages this state has read. */
    public int userMessages() {
        return userMessages;
    }

    /** The service's reply asked about {@code concept} (null: asked nothing): the next message may answer it. */
    public void asked(String concept) {
        pendingAsk = concept == null || concept.isBlank() ? null : concept.strip();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("triage state cannot be written", e);
        }
    }

    /** A state read back from {@link #toJson()}; null when the text is not one (it is then rebuilt from the turns). */
    public static TriageState fromJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(json, TriageState.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
