package org.symptomchecker.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a conversation keeps about the person's health: stored as JSON, encrypted under the conversation's key. */
public record HealthDetails(Integer age, String sex, String interviewFlow, Boolean interviewDone) {

    static final HealthDetails NONE = new HealthDetails(null, null, null, null);
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** These details, with each missing one taken from {@code older}. */
    HealthDetails or(HealthDetails older) {
        return new HealthDetails(age != null ? age : older.age, sex != null ? sex : older.sex,
                interviewFlow != null ? interviewFlow : older.interviewFlow, interviewFlow != null ? interviewDone : older.interviewDone);
    }

    /** The details still kept in the clear columns of an older row. */
    static HealthDetails clear(Conversation c) {
        return new HealthDetails(c.clearAge, c.clearSex, c.clearInterviewFlow, c.clearInterviewDone);
    }

    static boolean hasClearColumns(Conversation c) {
        return c.clearAge != null || c.clearSex != null || c.clearInterviewFlow != null || c.clearInterviewDone != null;
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write health details", e);
        }
    }

    static HealthDetails fromJson(String json) {
        try {
            return JSON.readValue(json, HealthDetails.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored health details are not readable");
        }
    }
}
