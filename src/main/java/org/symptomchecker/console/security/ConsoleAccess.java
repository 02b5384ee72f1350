package org.symptomchecker.console.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.console.ConsoleActor;
import org.symptomchecker.console.ConsoleRole;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who is signed in to the console on this request, and the role checks of the console's endpoints. Content code asks
 * here for the actor it writes into the audit log.
 */
@ApplicationScoped
public class ConsoleAccess {

    static final String NO_ROLE = "this account has none of the console's roles (editor, reviewer, admin)";

    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    public ConsoleAccess(SecurityIdentity identity, CsrfTokens csrf) {
        this.identity = identity;
        this.csrf = csrf;
    }

    /** The signed-in console user, or empty for an anonymous request. */
    public Optional<ConsoleActor> current() {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        return identity.getRoles().stream().map(ConsoleRole::of).flatMap(Optional::stream).findFirst()
                .map(role -> new ConsoleActor(identity.getPrincipal().getName(), role));
    }

    /** Whether nobody is signed in (as opposed to someone signed in without a console role). */
    public boolean anonymous() {
        return identity.isAnonymous();
    }

    /**
     * Whether this request was signed in by a bearer token in its Authorization header (OIDC), not by a cookie: such a
     * request cannot be forged by another site, since a browser never adds that header on its own.
     */
    public boolean bearerToken() {
        return !identity.isAnonymous() && identity.getCredential(AccessTokenCredential.class) != null
                && identity.getCredential(IdTokenCredential.class) == null;
    }

    /**
     * The signed-in user when their role is one of these: otherwise a 401 problem (nobody signed in) or 403 (another
     * role, or, signed in through an OIDC provider, no console role at all).
     */
    public ConsoleActor require(ConsoleRole... allowed) {
        if (identity.isAnonymous()) {
            throw new ApiProblem(401, "Unauthorized", "log in to the console first");
        }
        ConsoleActor actor = current().orElseThrow(() -> new ApiProblem(403, "Forbidden", NO_ROLE));
        if (allowed.length > 0 && Arrays.stream(allowed).noneMatch(r -> r == actor.role())) {
            String roles = Arrays.stream(allowed).map(ConsoleRole::label).collect(Collectors.joining(" or "));
            throw new ApiProblem(403, "Forbidden", "this needs the role " + roles);
        }
        return actor;
    }

    /** For a {@link CsrfFormField} endpoint: the form's token must be the signed-in user's and match the cookie (403). */
    public void requireFormToken(ConsoleActor actor, String formToken, String cookieToken) {
        if (!csrf.accepts(actor.username(), formToken, cookieToken)) {
            throw new ApiProblem(403, "Forbidden", "the form's CSRF token is missing or not valid: reload the page");
        }
    }
}
