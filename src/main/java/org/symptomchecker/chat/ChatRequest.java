package org.symptomchecker.chat;

import java.util.List;

/**
 * A message from a person; all but {@code message} are optional. {@code history} lets a client that keeps
 * its own transcript pass earlier turns, so triage sees them even when the conversation store is down.
 */
public record ChatRequest(String conversationId, String message, Integer age, String sex, String channel,
                          String region, List<Turn> history) {

    /** An earlier turn carried by the request. */
    public record Turn(String role, String text, String asks) {
    }

    public ChatRequest(String conversationId, String message, Integer age, String sex, String channel) {
        this(conversationId, message, age, sex, channel, null, null);
    }
}
