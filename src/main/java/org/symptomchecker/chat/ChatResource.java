package org.symptomchecker.chat;

import org.symptomchecker.answer.ChatReply;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.api.BadRequestProblem;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Where a message enters the service over HTTP. */
@Path("/api/v1/chat")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {

    private static final Set<String> SEXES = Set.of("female", "male", "other");
    private static final Set<String> REGIONS = Set.of("US", "UK", "EU");
    private static final int MAX_HISTORY = 50;
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ChatService chat;
    private final int maxMessageLength;

    public ChatResource(ChatService chat, SymptomConfig config) {
        this.chat = chat;
        this.maxMessageLength = config.chat().maxMessageLength();
    }

    @POST
    @Operation(summary = "Send a message; the reply is triaged and answered from the vetted corpus with citations")
    public ChatReply post(ChatRequest request) {
        return chat.reply(validated(request));
    }

    private ChatRequest validated(ChatRequest r) {
        if (r == null) {
            throw new BadRequestProblem("the body must be a JSON object with a 'message'");
        }
        if (r.message() == null || r.message().isBlank()) {
            throw new BadRequestProblem("'message' is required and must not be empty");
        }
        if (r.message().length() > maxMessageLength) {
            throw new BadRequestProblem(413, "Message too long",
                    "'message' has " + r.message().length() + " characters; the limit is " + maxMessageLength);
        }
        if (r.age() != null && (r.age() < 0 || r.age() > 130)) {
            throw new BadRequestProblem("'age' must be a whole number of years from 0 to 130");
        }
        String sex = r.sex() == null ? null : r.sex().strip().toLowerCase(Locale.ROOT);
        if (sex != null && !SEXES.contains(sex)) {
            throw new BadRequestProblem("'sex' must be female, male or other");
        }
        String channel = r.channel() == null ? null : r.channel().strip().toLowerCase(Locale.ROOT);
        if (channel != null && !CHANNEL.matcher(channel).matches()) {
            throw new BadRequestProblem("'channel' must be 1 to 32 letters, digits, '-' or '_'");
        }
        String conversationId = r.conversationId() == null || r.conversationId().isBlank() ? null : r.conversationId().strip();
        if (conversationId != null && !CONVERSATION_ID.matcher(conversationId).matches()) {
            throw new BadRequestProblem("'conversationId' must be an id this service gave out");
        }
        String region = r.region() == null || r.region().isBlank() ? null : r.region().strip().toUpperCase(Locale.ROOT);
        if (region != null && !REGIONS.contains(region)) {
            throw new BadRequestProblem("'region' must be US, UK or EU");
        }
        if (r.history() != null) {
            if (r.history().size() > MAX_HISTORY) {
                throw new BadRequestProblem(413, "History too long", "'history' holds at most " + MAX_HISTORY + " turns");
            }
            for (ChatRequest.Turn t : r.history()) {
                if (t == null || t.text() == null || t.text().length() > maxMessageLength
                        || (t.role() != null && !Set.of("user", "assistant").contains(t.role().toLowerCase(Locale.ROOT)))) {
                    throw new BadRequestProblem("each 'history' turn needs a 'text' of at most " + maxMessageLength
                            + " characters and a 'role' of user or assistant");
                }
            }
        }
        return new ChatRequest(conversationId, r.message(), r.age(), sex, channel, region, r.history());
    }
}
