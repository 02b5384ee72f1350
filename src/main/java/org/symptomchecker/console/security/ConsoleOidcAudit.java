package org.symptomchecker.console.security;

import io.quarkus.oidc.SecurityEvent;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;
import org.symptomchecker.console.audit.AuditLog;

/**
 * Audits sign-ins through the OIDC provider from Quarkus's security events ({@code quarkus.security.events.enabled}):
 * a completed code flow is a {@code login}, a sign-out through the console a {@code logout}, a refused code flow or
 * bearer token a {@code login.failed}. Observed asynchronously, off the event loop, because the audit log writes to the
 * database. Only the exception's kind and the way in are kept: never a token, a code or the exception's text (which may
 * quote a claim).
 */
@ApplicationScoped
public class ConsoleOidcAudit {

    private static final Logger LOG = Logger.getLogger(ConsoleOidcAudit.class);

    private final AuditLog audit;
    private final boolean oidc;

    public ConsoleOidcAudit(AuditLog audit, ConsoleLoginConfig config) {
        this.audit = audit;
        this.oidc = config.oidc();
    }

    void signedInOrOut(@ObservesAsync SecurityEvent event) {
        if (!oidc || event.getSecurityIdentity() == null) {
            return;
        }
        String name = event.getSecurityIdentity().getPrincipal().getName();
        if (event.getEventType() == SecurityEvent.Type.OIDC_LOGIN) {
            String role = event.getSecurityIdentity().getRoles().stream().findFirst().orElse("none");
            record(name, "login", name, "{\"via\":\"oidc\",\"role\":\"" + role + "\"}");
        } else if (event.getEventType() == SecurityEvent.Type.OIDC_LOGOUT_RP_INITIATED) {
            record(name, "logout", name, "{\"via\":\"oidc\"}");
        }
    }

    void failed(@ObservesAsync AuthenticationFailureEvent event) {
        Throwable failure = event.getAuthenticationFailure();
        // the code flow's own redirects travel as exceptions; a refused password login is audited where it is refused
        if (!oidc || failure instanceof AuthenticationRedirectException || failure instanceof LoginRefused) {
            return;
        }
        Object rc = event.getEventProperties().get(RoutingContext.class.getName());
        String via = rc instanceof RoutingContext r && r.request().getHeader("Authorization") != null ? "bearer" : "code";
        record("anonymous", "login.failed", "oidc", "{\"via\":\"" + via + "\",\"reason\":\""
                + failure.getClass().getSimpleName() + "\"}");
    }

    private void record(String actor, String action, String target, String after) {
        try {
            String who = actor.isBlank() ? "anonymous" : actor.length() > 100 ? actor.substring(0, 100) : actor;
            audit.record(who, action, target == null || target.length() <= 500 ? target : target.substring(0, 500), null, after);
        } catch (RuntimeException e) {
            // an audit entry that cannot be written must not go unnoticed, but it cannot undo the sign-in either
            LOG.errorf("console audit entry %s could not be written: %s", action, e.getClass().getSimpleName());
        }
    }
}
