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

    public ConversationResource(ConversationStore conversations) {
        this.conversations = conversations;
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Erase a conversation now: its messages, its key and the redacted questions and votes kept of it; a text-free triage record stays")
    public Response erase(@PathParam("id") String id) {
        if (!ID.matcher(id).matches() || !conversations.forget(id)) {
            throw new ApiProblem(404, "Not Found", "no such conversation (it may have been erased or expired)");
        }
        return Response.noContent().build();
    }
}
