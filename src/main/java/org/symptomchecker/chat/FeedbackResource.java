package org.symptomchecker.chat;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.api.ApiProblem;

import java.util.Map;
import java.util.regex.Pattern;

/** Thumbs up or down on a conversation's last answer: the content team sees the down-voted ones, redacted. */
@Path("/api/v1/feedback")
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The longest comment kept, in characters. */
    static final int MAX_COMMENT = 500;

    /** A vote: "up" or "down", and an optional comment. */
    public record Feedback(String conversationId, String vote, String comment) {
    }

    private final ConversationStore conversations;

    public FeedbackResource(ConversationStore conversations) {
        this.conversations = conversations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Vote on the conversation's last answer (up or down, with an optional comment); a second vote replaces the first")
    public Response vote(Feedback body) {
        if (body == null) {
            throw new ApiProblem("a JSON body with 'conversationId' and 'vote' is required");
        }
        if (body.conversationId() == null || !ID.matcher(body.conversationId()).matches()) {
            throw new ApiProblem("'conversationId' must be the id of a conversation (letters, digits, '-' and '_', at most 64)");
        }
        if (!"up".equals(body.vote()) && !"down".equals(body.vote())) {
            throw new ApiProblem("'vote' must be \"up\" or \"down\"");
        }
        if (body.comment() != null && body.comment().length() > MAX_COMMENT) {
            throw new ApiProblem("'comment' is longer than " + MAX_COMMENT + " characters");
        }
        if (!conversations.vote(body.conversationId(), "up".equals(body.vote()), body.comment())) {
            throw new ApiProblem(404, "Not Found", "no answer to vote on in that conversation (it may have been erased or expired)");
        }
        return Response.status(201).entity(Map.of("recorded", body.vote())).build();
    }
}
