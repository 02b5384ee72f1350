package org.symptomchecker.chat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.symptomchecker.api.Age;
import org.symptomchecker.api.Sex;

import java.util.List;

/**
 * A message from a person; all but {@code message} are optional. {@code history} lets a client that keeps
 * its own transcript pass earlier turns, so triage sees them even when the conversation store is down.
 * The fixed constraints are declared here; the configurable limits (message length, history turns) and the
 * regions of regions.yaml are checked by {@link ChatResource}.
 */
public record ChatRequest(
        @Pattern(regexp = "\\s*([A-Za-z0-9_-]{1,64})?\\s*", message = "'conversationId' must be an id this service gave out")
        String conversationId,
        @NotBlank(message = "'message' is required and must not be empty")
        String message,
        @Age
        Integer age,
        @Sex.Valid
        String sex,
        @Pattern(regexp = "(?i)\\s*[a-z0-9_-]{1,32}\\s*", message = "'channel' must be 1 to 32 letters, digits, '-' or '_'")
        String channel,
        String region,
        List<Turn> history) {

    /** An earlier turn carried by the request. */
    public record Turn(String role, String text, String asks) {
    }

    public ChatRequest(String conversationId, String message, Integer age, String sex, String channel) {
        this(conversationId, message, age, sex, channel, null, null);
    }
}
