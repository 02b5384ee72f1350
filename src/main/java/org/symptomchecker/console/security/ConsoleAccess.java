package org.symptomchecker.console.security;

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

    /** The signed-in user when their role is one of these: otherwise a 401 problem (nobody signed in) or 403. */
    public ConsoleActor require(ConsoleRole... allowed) {
        ConsoleActor actor = current().orElseThrow(() -> new ApiProblem(401, "Unauthorized", "log in to the console first"));
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
