package org.symptomchecker.console;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The console as in production: Secure cookies, and the per-address login limit in force (3 here), with the client
 * address taken from X-Forwarded-For as behind a proxy, so a test can speak from an address of its own; and HSTS on.
 */
public class ConsoleProductionProfile implements QuarkusTestProfile {

    public static final int MAX_FAILURES_PER_ADDRESS = 3;
    /** symptom.http.hsts in this profile. */
    public static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("symptom.console.secure-cookies", "true",
                "symptom.http.hsts", HSTS,
                "symptom.console.login.max-failures-per-address", String.valueOf(MAX_FAILURES_PER_ADDRESS),
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true");
    }
}
