package org.symptomchecker.console.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.console.ConsoleActor;
import org.symptomchecker.console.ConsoleRole;
import org.symptomchecker.console.security.ConsoleAccess;
import org.symptomchecker.console.security.ConsoleUserView;
import org.symptomchecker.console.security.ConsoleUsers;

import java.util.List;

/** Console users, for admins: create one, list them, change a role or disable one (each change audited). */
@Path("/api/v1/admin/content/users")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleUsersResource {

    /** A new user: username (lower case), password (12 characters or more) and role (editor, reviewer or admin). */
    public record NewUser(String username, String password, String role) {
    }

    /** A change of role and/or disabled flag; a field left out stays as it is. */
    public record UserChange(String role, Boolean disabled) {
    }

    private final ConsoleAccess access;
    private final ConsoleUsers users;

    public ConsoleUsersResource(ConsoleAccess access, ConsoleUsers users) {
        this.access = access;
        this.users = users;
    }

    @GET
    public List<ConsoleUserView> list() {
        access.require(ConsoleRole.ADMIN);
        return users.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewUser body) {
        ConsoleActor admin = access.require(ConsoleRole.ADMIN);
        if (body == null) {
            throw new ApiProblem("send a JSON body with username, password and role");
        }
        ConsoleUserView created = users.create(admin.username(), body.username(), body.password(), body.role());
        return Response.status(201).entity(created).build();
    }

    @PATCH
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ConsoleUserView change(@PathParam("username") String username, UserChange body) {
        ConsoleActor admin = access.require(ConsoleRole.ADMIN);
        if (body == null || (body.role() == null && body.disabled() == null)) {
            throw new ApiProblem("send a JSON body with role and/or disabled");
        }
        return users.change(admin.username(), username, body.role(), body.disabled());
    }
}
