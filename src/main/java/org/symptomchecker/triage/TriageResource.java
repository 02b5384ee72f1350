package org.symptomchecker.triage;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.api.BadRequestProblem;

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
    public record TriageRequest(JsonNode messages, Integer age, String sex, String region) {
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
    public TriageResponse triage(TriageRequest request) {
        if (request == null || request.messages() == null || !request.messages().isArray() || request.messages().isEmpty()) {
            throw new BadRequestProblem("'messages' must be a non-empty list");
        }
        if (request.messages().size() > MAX_MESSAGES) {
            throw new BadRequestProblem(413, "Too many messages", "at most " + MAX_MESSAGES + " messages");
        }
        if (request.age() != null && (request.age() < 0 || request.age() > 130)) {
            throw new BadRequestProblem("'age' must be a whole number of years from 0 to 130");
        }
        String sex = request.sex() == null ? null : request.sex().strip().toLowerCase(Locale.ROOT);
        List<TriageMessage> messages = new ArrayList<>();
        for (JsonNode m : request.messages()) {
            TriageMessage message;
            if (m.isTextual()) {
                message = TriageMessage.user(m.asText());
            } else if (m.isObject() && m.path("text").isTextual()) {
                String role = m.path("role").asText("user").toLowerCase(Locale.ROOT);
                if (!role.equals("user") && !role.equals("assistant")) {
                    throw new BadRequestProblem("a message's 'role' must be user or assistant");
                }
                message = new TriageMessage(role, m.get("text").asText(), m.hasNonNull("asks") ? m.get("asks").asText() : null);
            } else {
                throw new BadRequestProblem("each message must be a string or {\"role\", \"text\", \"asks\"}");
            }
            if (message.text().length() > maxLength) {
                throw new BadRequestProblem(413, "Message too long", "a message is limited to " + maxLength + " characters");
            }
            messages.add(message);
        }
        if (messages.stream().noneMatch(TriageMessage::fromUser)) {
            throw new BadRequestProblem("'messages' must hold at least one user message");
        }
        TriageOutcome outcome = guardrails.triage(messages, request.age(), sex);
        Region region = guardrails.region(request.region(), null);
        String confirmReply = replies.confirmReply(outcome, region);
        return new TriageResponse(outcome.level(), outcome.ruleIds(), outcome.matches(),
                confirmReply != null ? confirmReply : replies.fixedReply(outcome, region), outcome.ruleSetVersion(), outcome.confirm());
    }
}
