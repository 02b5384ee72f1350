package org.symptomchecker.chat;

import org.symptomchecker.answer.ChatReply;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.triage.Guardrails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.Locale;
import java.util.Set;

/** Where a message enters the service over HTTP. */
@Path("/api/v1/chat")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {

    private static final int MAX_HISTORY = 50;

    private final ChatService chat;
    private final Guardrails guardrails;
    private final int maxMessageLength;

    public ChatResource(ChatService chat, Guardrails guardrails, SymptomConfig config) {
        this.chat = chat;
        this.guardrails = guardrails;
        this.maxMessageLength = config.chat().maxMessageLength();
    }

    @POST
    @Operation(summary = "Send a message; the reply is triaged and answered from the vetted corpus with citations")
    public ChatReply post(@NotNull(message = "the body must be a JSON object with a 'message'") @Valid ChatRequest request) {
        return chat.reply(validated(request));
    }

    private ChatRequest validated(ChatRequest r) {
        if (r.message().length() > maxMessageLength) {
            throw new ApiProblem(413, "Message too long",
                    "'message' has " + r.message().length() + " characters; the limit is " + maxMessageLength);
        }
        String sex = org.symptomchecker.api.Sex.normalised(r.sex());
        String channel = r.channel() == null ? null : r.channel().strip().toLowerCase(Locale.ROOT);
        String conversationId = r.conversationId() == null || r.conversationId().isBlank() ? null : r.conversationId().strip();
        String region = guardrails.regionCode(r.region());
        if (r.history() != null) {
            if (r.history().size() > MAX_HISTORY) {
                throw new ApiProblem(413, "History too long", "'history' holds at most " + MAX_HISTORY + " turns");
            }
            for (ChatRequest.Turn t : r.history()) {
                if (t == null || t.text() == null || t.text().length() > maxMessageLength
                        || (t.role() != null && !Set.of("user", "assistant").contains(t.role().toLowerCase(Locale.ROOT)))) {
                    throw new ApiProblem("each 'history' turn needs a 'text' of at most " + maxMessageLength
                            + " characters and a 'role' of user or assistant");
                }
            }
        }
        return new ChatRequest(conversationId, r.message(), r.age(), sex, channel, region, r.history());
    }
}
