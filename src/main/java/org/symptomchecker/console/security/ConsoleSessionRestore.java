package org.symptomchecker.console.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a valid session cookie back into its user, with the role the database holds now: a role change applies to the
 * next request, and a disabled or removed user's session ends at once.
 */
@ApplicationScoped
public class ConsoleSessionRestore implements IdentityProvider<TrustedAuthenticationRequest> {

    private final ConsoleUsers users;
    private final boolean oidc;

    public ConsoleSessionRestore(ConsoleUsers users, ConsoleLoginConfig login) {
        this.users = users;
        this.oidc = login.oidc();
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        String name = request.getPrincipal();
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> {
            // with OIDC sign-in a form session (from before the switch) is over: the provider signs people in
            ConsoleUser u = oidc ? null : users.find(name).filter(found -> !found.disabled).orElse(null);
            if (u == null) {
                LoginRefused ended = LoginRefused.sessionEnded();
                if (rc != null) {
                    ConsoleHttp.answer(rc, ended);
                }
                throw ended;
            }
            return identityOf(u);
        });
    }

    /** The identity of a signed-in user: the username and its one role, as stored. */
    static SecurityIdentity identityOf(ConsoleUser u) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(u.username)).addRole(u.role).build();
    }
}
