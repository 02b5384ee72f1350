package org.symptomchecker.console.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.console.ConsoleConfig;
import org.symptomchecker.console.ConsoleRole;

/** At start: the first admin from symptom.console.bootstrap-admin-password when the console has no user yet. */
@ApplicationScoped
public class ConsoleBootstrap {

    private static final Logger LOG = Logger.getLogger(ConsoleBootstrap.class);

    private final ConsoleUsers users;
    private final ConsoleConfig config;

    public ConsoleBootstrap(ConsoleUsers users, ConsoleConfig config) {
        this.users = users;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        if (users.count() > 0) {
            return;
        }
        String password = config.bootstrapAdminPassword().filter(p -> !p.isBlank()).orElse(null);
        if (password == null) {
            LOG.info("the content console has no users: set symptom.console.bootstrap-admin-password to create 'admin' at the next start");
            return;
        }
        try {
            users.create("system", "admin", password, ConsoleRole.ADMIN.label());
            LOG.info("content console: created the first user 'admin' (role admin) from symptom.console.bootstrap-admin-password");
        } catch (ApiProblem e) {
            // a password too short, or another instance on the same database created 'admin' first
            LOG.warnf("content console: the bootstrap admin was not created: %s", e.getMessage());
        }
    }
}
