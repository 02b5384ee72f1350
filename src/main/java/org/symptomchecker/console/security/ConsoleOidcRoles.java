package org.symptomchecker.console.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.symptomchecker.console.ConsoleRole;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * With OIDC sign-in, replaces the provider's roles (its groups, as Quarkus read them from the configured claim) by the
 * one console role they map to ({@code symptom.console-auth.oidc-roles}); the highest wins when several map. The
 * provider's own names never reach the console's checks, so a provider group that happens to be called "admin" is
 * nothing unless the map says so.
 */
@ApplicationScoped
public class ConsoleOidcRoles implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(ConsoleOidcRoles.class);

    private final boolean oidc;
    private final Map<String, ConsoleRole> roles;

    public ConsoleOidcRoles(ConsoleLoginConfig config) {
        this.oidc = config.oidc();
        this.roles = parse(config.oidcRoles().orElse(List.of()));
    }

    /** Reads the map at start, so a mistyped role stops the service instead of locking everyone out later. */
    void check(@Observes StartupEvent start) {
        if (oidc && roles.isEmpty()) {
            LOG.warn("console sign-in is oidc but symptom.console-auth.oidc-roles is empty: nobody gets a console role");
        }
    }

    static Map<String, ConsoleRole> parse(List<String> pairs) {
        Map<String, ConsoleRole> map = new HashMap<>();
        for (String pair : pairs) {
            int eq = pair.lastIndexOf('=');
            String group = eq > 0 ? pair.substring(0, eq).trim() : "";
            Optional<ConsoleRole> role = eq > 0 ? ConsoleRole.of(pair.substring(eq + 1).trim()) : Optional.empty();
            if (group.isEmpty() || role.isEmpty()) {
                throw new IllegalStateException("symptom.console-auth.oidc-roles: '" + pair
                        + "' is not group=role with a role of editor, reviewer or admin");
            }
            map.put(group, role.get());
        }
        return Map.copyOf(map);
    }

    /** Whether this identity came from the provider (an ID token of a code-flow session, or a bearer access token). */
    static boolean fromProvider(SecurityIdentity identity) {
        return identity.getCredential(IdTokenCredential.class) != null
                || identity.getCredential(AccessTokenCredential.class) != null;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!oidc || identity.isAnonymous() || !fromProvider(identity)) {
            return Uni.createFrom().item(identity);
        }
        Optional<ConsoleRole> role = identity.getRoles().stream().map(roles::get).filter(r -> r != null)
                .max(Comparator.naturalOrder());
        QuarkusSecurityIdentity.Builder mapped = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addPermissionChecker(identity::checkPermission);
        role.ifPresent(r -> mapped.addRole(r.label()));
        return Uni.createFrom().item(mapped.build());
    }
}
