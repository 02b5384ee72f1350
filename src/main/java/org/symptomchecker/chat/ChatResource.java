package org.symptomchecker.chat;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import org.symptomchecker.answer.ChatReply;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.api.TooManyRequests;
import org.symptomchecker.limits.RateLimiter;
import org.symptomchecker.limits.TurnGate;
import io.vertx.core.http.HttpServerRequest;
import org.symptomchecker.triage.Guardrails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a message enters the service over HTTP: as one JSON reply, or as a stream of server-sent events. The stream
 * is validated and its reply computed (triaged, routed, checked) before its first byte, so a refusal is the same
 * problem body as for the JSON reply, and every sentence it sends has already passed the checks.
 */
@Path("/api/v1/chat")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {

    private static final int MAX_HISTORY = 50;
    private static final String NO_BODY = "the body must be a JSON object with a 'message'";

    private final ChatService chat;
    private final Guardrails guardrails;
    private final int maxMessageLength;

    private final RateLimiter limiter;

    private final TurnGate gate;

    public ChatResource(ChatService chat, Guardrails guardrails, SymptomConfig config, RateLimiter limiter, TurnGate gate) {
        this.chat = chat;
        this.gate = gate;
        this.limiter = limiter;
        this.guardrails = guardrails;
        this.maxMessageLength = config.chat().maxMessageLength();
    }

    @POST
    @Operation(summary = "Send a message; the reply is triaged and answered from the vetted corpus with citations. "
            + "Over a rate limit: 429 with Retry-After; no place among the turns answered at once in time: 503 with Retry-After; "
            + "a red flag always gets its fixed reply (200)")
    public ChatReply post(@NotNull(message = NO_BODY) @Valid ChatRequest request, @Context HttpServerRequest http) {
        return limited(validated(request), http);
    }

    @POST
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking // the reply is computed on a worker thread, never on the event loop
    @Operation(summary = "Send a message; the checked reply comes back as server-sent events: one 'sentence' event "
            + "({index, text}) per sentence, in order, then one 'reply' event holding the whole reply, as POST /api/v1/chat returns it")
    public Multi<OutboundSseEvent> stream(@NotNull(message = NO_BODY) @Valid ChatRequest request,
                                          @Context Sse sse, @Context HttpServerRequest http) {
        ChatReply reply = limited(validated(request), http);
        List<OutboundSseEvent> events = new ArrayList<>();
        for (ReplySentences.Sentence s : ReplySentences.split(reply.reply() == null ? "" : reply.reply())) {
            events.add(event(sse, "sentence", s));
        }
        events.add(event(sse, "reply", reply));
        return Multi.createFrom().iterable(events);
    }

    /**
     * The turn, within the rate limits and the bound on turns answered at once ({@link TurnGate}). Over a limit, or
     * with no place free in time, the message is triaged first: a red flag gets its fixed reply as usual (an emergency
     * is never refused for speed); anything else is refused (429 over a limit, 503 for load) and stored nowhere.
     */
    private ChatReply limited(ChatRequest request, HttpServerRequest http) {
        try (RateLimiter.Admission admission = limiter.admit(limiter.clientAddress(http), request.conversationId())) {
            if (admission.refused()) {
                return shed(request, new TooManyRequests(admission.refusal(), admission.retryAfterSeconds()));
            }
            try (TurnGate.Place place = gate.enter()) {
                if (place != null) {
                    return chat.reply(request);
                }
            }
            // no place came free in time: shed like a message over a limit
            return shed(request, TooManyRequests.busy("the service is answering as many messages as it can", 1));
        }
    }

    /** A message the service will not answer now: triaged, a red flag answered as always, anything else refused. */
    private ChatReply shed(ChatRequest request, TooManyRequests refusal) {
        ChatService.OverLimit over = chat.overLimit(request);
        if (over.reply() != null) {
            return over.reply();
        }
        throw refusal;
    }

    private static OutboundSseEvent event(Sse sse, String name, Object data) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE).data(data).build();
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
