package org.symptomchecker.console.web;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.symptomchecker.console.ConsoleActor;
import org.symptomchecker.console.security.ConsoleAccess;
import org.symptomchecker.console.security.CsrfTokens;

/** Who is signed in, and the CSRF token a front end sends back on every state-changing call. */
@Path("/api/v1/admin/content/me")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleMeResource {

    /** The signed-in user; send csrfToken in the header named csrfHeader (the console-csrf cookie holds it too). */
    public record Me(String username, String role, String csrfToken, String csrfHeader) {
    }

    private final ConsoleAccess access;
    private final CsrfTokens csrf;

    public ConsoleMeResource(ConsoleAccess access, CsrfTokens csrf) {
        this.access = access;
        this.csrf = csrf;
    }

    @GET
    public Response me(@CookieParam(CsrfTokens.COOKIE) String csrfCookie) {
        ConsoleActor actor = access.require();
        String token = csrf.current(actor.username(), csrfCookie);
        return Response.ok(new Me(actor.username(), actor.role().label(), token, CsrfTokens.HEADER))
                .cookie(csrf.cookie(token)).header("Cache-Control", "no-store").build();
    }
}
