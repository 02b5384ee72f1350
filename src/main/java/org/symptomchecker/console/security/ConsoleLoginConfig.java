package org.symptomchecker.console.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How people sign in to the console ({@code symptom.console-auth.*}, see README "Console security"): the console's own
 * form login against its database users (the default), or an OpenID Connect provider ({@code quarkus.oidc.*}).
 */
@ConfigMapping(prefix = "symptom.console-auth")
public interface ConsoleLoginConfig {

    enum Mode {
        /** Username and password against the console's database users, Quarkus form authentication. */
        FORM,
        /** An OpenID Connect provider: code flow for the pages, its session or a bearer token for the JSON API. */
        OIDC
    }

    /** {@code form} or {@code oidc}. Defaults to form. */
    @WithDefault("form")
    Mode login();

    /**
     * With {@code oidc}: which of the provider's roles or groups (read from {@code quarkus.oidc.roles.role-claim-path})
     * give which console role, as {@code group=role} pairs separated by commas, e.g.
     * {@code content-editors=editor,console-admins=admin}. A signed-in person none of whose groups is listed has no
     * console role (403 on the API). Defaults to none.
     */
    Optional<List<String>> oidcRoles();

    /**
     * The settings each mode implies, read by the Quarkus properties that must follow the mode (application.properties
     * "Content console security"): not meant to be changed.
     */
    Map<String, ModeSettings> mode();

    interface ModeSettings {
        /** quarkus.oidc.tenant-enabled. */
        boolean oidcTenant();

        /** Which authentication mechanism the console's pages (and the login page) take. */
        String pagesMechanism();

        /** Which the JSON API takes (several separated by commas). */
        String apiMechanism();

        /** The login page's permission policy: open for the form, sign-in required (so sent to the provider) for oidc. */
        String loginPagePolicy();
    }

    default boolean oidc() {
        return login() == Mode.OIDC;
    }
}
