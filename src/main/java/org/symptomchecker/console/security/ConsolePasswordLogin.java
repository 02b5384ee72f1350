package org.symptomchecker.console.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.console.audit.AuditLog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks a console login (the form's username and password): throttled first, then the bcrypt hash; every outcome is
 * audited. A refusal is a {@link LoginRefused}, answered as a 401 or 429 (never the form's error-page redirect).
 */
@ApplicationScoped
public class ConsolePasswordLogin implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(ConsolePasswordLogin.class);

    private final ConsoleUsers users;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final boolean oidc;

    public ConsolePasswordLogin(ConsoleUsers users, LoginThrottle throttle, AuditLog audit, ConsoleLoginConfig login) {
        this.users = users;
        this.throttle = throttle;
        this.audit = audit;
        this.oidc = login.oidc();
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = clientAddress(rc);
        String username = request.getUsername() == null ? "" : request.getUsername().trim();
        char[] password = request.getPassword().getPassword();
        return context.runBlocking(() -> {
            try {
                if (oidc) {
                    // with OIDC sign-in the console's paths never take the form (application.properties); this holds
                    // even if a permission is changed: database users cannot sign in
                    audit.record("anonymous", "login.failed", "unknown-user:" + shortHash(username), null,
                            "{\"reason\":\"password-login-off\"}");
                    throw LoginRefused.passwordLoginOff();
                }
                return login(username, new String(password), address);
            } catch (LoginRefused refused) {
                if (rc != null) {
                    ConsoleHttp.answer(rc, refused);
                }
                throw refused;
            }
        });
    }

    private SecurityIdentity login(String username, String password, String address) {
        Optional<ConsoleUser> user = users.find(username);
        // an unknown username may be a person's mistyped name or someone else's: keep only a short hash of it
        String target = user.map(u -> u.username).orElseGet(() -> "unknown-user:" + shortHash(username));
        OptionalLong locked = throttle.lockedFor(username, address);
        if (locked.isPresent()) {
            audit.record("anonymous", "login.throttled", target, null, null);
            throw LoginRefused.throttled(locked.getAsLong());
        }
        boolean matches = PasswordHashes.matches(password, user.map(u -> u.passwordHash).orElse(null));
        if (!matches || user.get().disabled) {
            throttle.failed(username, address);
            audit.record("anonymous", "login.failed", target, null, matches ? "{\"reason\":\"disabled\"}" : null);
            LOG.debug("console login refused");
            throw LoginRefused.wrongCredentials();
        }
        throttle.succeeded(username);
        ConsoleUser u = user.get();
        audit.record(u.username, "login", u.username, null, null);
        return ConsoleSessionRestore.identityOf(u);
    }

    static String clientAddress(RoutingContext rc) {
        if (rc == null || rc.request().remoteAddress() == null) {
            return "unknown";
        }
        return rc.request().remoteAddress().host();
    }

    static String shortHash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
