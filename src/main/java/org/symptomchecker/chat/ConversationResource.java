package org.symptomchecker.chat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.api.ApiProblem;

import java.util.regex.Pattern;

/** "Forget me": a person erases their conversation at once. */
@Path("/api/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ConversationStore conversations;
    private final HeldTurns held;

    public ConversationResource(ConversationStore conversations, HeldTurns held) {
        this.conversations = conversations;
        this.held = held;
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Erase a conversation now: its messages, its key and the redacted questions and votes kept of it; a text-free triage record stays")
    public Response erase(@PathParam("id") String id) {
        if (!ID.matcher(id).matches()) {
            throw new ApiProblem(404, "Not Found", "no such conversation (it may have been erased or expired)");
        }
        int dropped = held.forget(id); // turns answered while the database was down, not yet stored
        if (!conversations.forget(id) && dropped == 0) {
            throw new ApiProblem(404, "Not Found", "no such conversation (it may have been erased or expired)");
        }
        return Response.noContent().build();
    }
}
