package org.symptomchecker.channels;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The one restart every channel test shares: each platform's secrets set to test values, and a quick outbox
 * (few attempts, short backoff) so retries can be watched. Platforms add their settings here.
 */
public class ChannelsProfile implements QuarkusTestProfile {

    public static final String TWILIO_TOKEN = "test-twilio-auth-token";
    public static final String TWILIO_URL = "https://symptoms.example.org/channels/twilio";
    public static final String TWILIO_ACCOUNT = "ACtest0001";
    /** Where a test's stand-in for Twilio's REST API listens (symptom.channels.twilio.api-base-url). */
    public static final int TWILIO_API_PORT = freePort();
    public static final int MAX_ATTEMPTS = 3;
    /** The application's log in this profile, to check that no sender's number or id reaches it. */
    public static final String LOG_FILE = "target/channels-test.log";

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("symptom.channels.twilio.auth-token", TWILIO_TOKEN),
                Map.entry("symptom.channels.twilio.public-url", TWILIO_URL),
                Map.entry("symptom.channels.twilio.account-sid", TWILIO_ACCOUNT),
                Map.entry("symptom.channels.twilio.api-base-url", "http://127.0.0.1:" + TWILIO_API_PORT),
                Map.entry("symptom.channels.max-attempts", String.valueOf(MAX_ATTEMPTS)),
                Map.entry("symptom.channels.retry-base", "200ms"),
                Map.entry("symptom.channels.outbox-interval", "1s"),
                Map.entry("quarkus.log.file.enabled", "true"),
                Map.entry("quarkus.log.file.path", LOG_FILE),
                Map.entry("quarkus.log.file.level", "ALL"));
    }
}
