package org.symptomchecker.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The content-team console's settings ({@code symptom.console.*}, see README "Console security"). Every key is mapped
 * here, because SmallRye refuses unknown keys under a mapped prefix.
 */
@ConfigMapping(prefix = "symptom.console")
public interface ConsoleConfig {

    /**
     * Password of the user {@code admin} (role admin) created at start when the console has no user at all; ignored once
     * any user exists. Defaults to none: the console starts without users and says so once in the log.
     */
    Optional<String> bootstrapAdminPassword();

    /**
     * Whether the console's cookies (session, CSRF, return location) carry the Secure attribute, so a browser sends
     * them over HTTPS only. Defaults to true; false only for plain-http development and tests.
     */
    @WithDefault("true")
    boolean secureCookies();

    /**
     * How long a console session lasts without a request (read by {@code quarkus.http.auth.form.timeout}). Defaults to
     * 30m.
     */
    @WithDefault("30m")
    Duration sessionTimeout();

    Login login();

    /** Login throttling: too many failed logins lock a username or a client address for a while. */
    interface Login {
        /** Failed logins of one username within the window after which further attempts get 429. Defaults to 5. */
        @WithDefault("5")
        int maxFailures();

        /** Failed logins from one client address within the window after which it gets 429. Defaults to max-failures. */
        OptionalInt maxFailuresPerAddress();

        /** How far back failed logins count, and so the longest lock. Defaults to 15m. */
        @WithDefault("15m")
        Duration window();
    }
}
