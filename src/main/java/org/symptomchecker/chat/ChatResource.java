package org.symptomchecker.chat;

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
        return new ChatRequest(conversationId, r.message(), r.age(), sex, channel);
    }
}
