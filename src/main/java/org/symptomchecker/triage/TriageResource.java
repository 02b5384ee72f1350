package org.symptomchecker.triage;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.api.ApiProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Stateless triage for integrations and evaluation: the same engine as the chat, no storage. */
@Path("/api/v1/triage")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TriageResource {

    static final int MAX_MESSAGES = 100;

    private final Guardrails guardrails;
    private final TriageReplies replies;
    private final int maxLength;

    public TriageResource(Guardrails guardrails, TriageReplies replies, SymptomConfig config) {
        this.guardrails = guardrails;
        this.replies = replies;
        this.maxLength = config.chat().maxMessageLength();
    }

    /** A conversation to triage: messages are strings (the person's turns) or {role, text, asks}. */
    public record TriageRequest(JsonNode messages, @org.symptomchecker.api.Age Integer age,
                                @org.symptomchecker.api.Sex.Valid String sex,
                                String region) {
    }

    /**
     * The triage of the conversation and the fixed reply it calls for (null when the chat would answer
     * from the corpus). After a correction, {@code confirm} names the concept to ask about directly (the
     * reply asks it); send that question back as {@code {"role":"assistant","text":...,"asks":confirm}}
     * with the person's answer: a "no" takes the corrected flag back.
     */
    public record TriageResponse(TriageLevel level, List<String> ruleIds, List<TriageOutcome.Match> matches,
                                 String reply, String ruleSetVersion, String confirm) {
    }

    @POST
    @Operation(summary = "Triage a conversation statelessly: level, matched rules and concepts, fixed reply")
    public TriageResponse triage(@jakarta.validation.constraints.NotNull(message = "the body must be a JSON object with 'messages'")
                                 @jakarta.validation.Valid TriageRequest request) {
        if (request.messages() == null || !request.messages().isArray() || request.messages().isEmpty()) {
            throw new ApiProblem("'messages' must be a non-empty list");
        }
        if (request.messages().size() > MAX_MESSAGES) {
            throw new ApiProblem(413, "Too many messages", "at most " + MAX_MESSAGES + " messages");
        }
        guardrails.regionCode(request.region()); // refuses a region regions.yaml does not define
        String sex = org.symptomchecker.api.Sex.normalised(request.sex());
        List<TriageMessage> messages = new ArrayList<>();
        for (JsonNode m : request.messages()) {
            TriageMessage message;
            if (m.isTextual()) {
                message = TriageMessage.user(m.asText());
            } else if (m.isObject() && m.path("text").isTextual()) {
                String role = m.path("role").asText("user").toLowerCase(Locale.ROOT);
                if (!role.equals("user") && !role.equals("assistant")) {
                    throw new ApiProblem("a message's 'role' must be user or assistant");
                }
                message = new TriageMessage(role, m.get("text").asText(), m.hasNonNull("asks") ? m.get("asks").asText() : null);
            } else {
                throw new ApiProblem("each message must be a string or {\"role\", \"text\", \"asks\"}");
            }
            if (message.text().length() > maxLength) {
                throw new ApiProblem(413, "Message too long", "a message is limited to " + maxLength + " characters");
            }
            messages.add(message);
        }
        if (messages.stream().noneMatch(TriageMessage::fromUser)) {
            throw new ApiProblem("'messages' must hold at least one user message");
        }
        TriageOutcome outcome = guardrails.triage(messages, request.age(), sex);
        Region region = guardrails.region(request.region(), null);
        String confirmReply = replies.confirmReply(outcome, region);
        return new TriageResponse(outcome.level(), outcome.ruleIds(), outcome.matches(),
                confirmReply != null ? confirmReply : replies.fixedReply(outcome, region), outcome.ruleSetVersion(), outcome.confirm());
    }
}
