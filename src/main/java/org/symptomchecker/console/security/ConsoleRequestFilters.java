package org.symptomchecker.console.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.symptomchecker.api.Problem;
import org.symptomchecker.console.ConsoleActor;

import java.util.Optional;
import java.util.Set;

/**
 * The console API's gate: without a login, a 401 problem (a JSON client is never sent to the login page); a
 * state-changing console request without the user's CSRF token, a 403 problem.
 */
public class ConsoleRequestFilters {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final ConsoleAccess access;
    private final CsrfTokens csrf;

    public ConsoleRequestFilters(ConsoleAccess access, CsrfTokens csrf) {
        this.access = access;
        this.csrf = csrf;
    }

    /** Before matching, so an unknown path under the API answers 401 too, not 404. */
    @ServerRequestFilter(preMatching = true)
    public Response requireLogin(ContainerRequestContext request) {
        if (!ConsolePaths.isApi(request.getUriInfo().getPath())) {
            return null;
        }
        if (access.anonymous()) {
            return Problem.response(401, "Unauthorized", "log in to the console first (" + ConsolePaths.LOGIN + ")");
        }
        return access.current().isEmpty() ? Problem.response(403, "Forbidden", ConsoleAccess.NO_ROLE) : null;
    }

    @ServerRequestFilter
    public Response requireCsrfToken(ContainerRequestContext request, ResourceInfo resource) {
        String path = request.getUriInfo().getPath();
        if (SAFE.contains(request.getMethod()) || !(ConsolePaths.isApi(path) || ConsolePaths.isPage(path))) {
            return null;
        }
        if (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(CsrfFormField.class)) {
            return null;
        }
        // CSRF rides on credentials a browser adds by itself (cookies). A bearer token travels only in the Authorization
        // header, which a browser never sends on its own and another site cannot make it send, so such a call cannot be
        // forged and has no console cookie to pair a token with. A cookie-signed request is checked as before.
        if (access.bearerToken()) {
            return null;
        }
        Optional<ConsoleActor> actor = access.current();
        Cookie cookie = request.getCookies().get(CsrfTokens.COOKIE);
        if (actor.isPresent() && csrf.accepts(actor.get().username(), request.getHeaderString(CsrfTokens.HEADER),
                cookie == null ? null : cookie.getValue())) {
            return null;
        }
        return Problem.response(403, "Forbidden", "a valid " + CsrfTokens.HEADER + " header is required (the "
                + CsrfTokens.COOKIE + " cookie's value, also given by GET " + ConsolePaths.API + "/me)");
    }
}
