package org.symptomchecker.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.chat.ConversationKeys;

/** Master key rotation: how many conversation keys are still wrapped by an old key, and re-wrapping them now. */
@Path("/api/v1/admin/conversation-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationKeysAdminResource {

    private final ConversationKeys keys;
    private final AdminToken adminToken;

    public ConversationKeysAdminResource(ConversationKeys keys, AdminToken adminToken) {
        this.keys = keys;
        this.adminToken = adminToken;
    }

    @GET
    @Operation(summary = "The active master key id, wrapped conversation keys per master key id, and how many are left to re-wrap")
    public ConversationKeys.Status status(@HeaderParam("X-Admin-Token") String token) {
        adminToken.authorize(token);
        return keys.status();
    }

    @POST
    @Path("/rewrap")
    @Operation(summary = "Re-wrap every conversation key under the active master key now (in batches); the status after")
    public ConversationKeys.Status rewrap(@HeaderParam("X-Admin-Token") String token) {
        adminToken.authorize(token);
        return keys.maintain();
    }
}
