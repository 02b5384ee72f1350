package org.symptomchecker.channels;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The one restart every channel test shares: each platform's secrets set to test values, and a quick outbox
 * (few attempts, short backoff) so retries can be watched. Platforms add their settings here.
 */
public class ChannelsProfile implements QuarkusTestProfile {

    public static final String TWILIO_TOKEN = "test-twilio-auth-token";
    public static final String TWILIO_URL = "https://symptoms.example.org/channels/twilio";
    public static final int MAX_ATTEMPTS = 3;
    /** The application's log in this profile, to check that no sender's number or id reaches it. */
    public static final String LOG_FILE = "target/channels-test.log";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "symptom.channels.twilio.auth-token", TWILIO_TOKEN,
                "symptom.channels.twilio.public-url", TWILIO_URL,
                "symptom.channels.max-attempts", String.valueOf(MAX_ATTEMPTS),
                "symptom.channels.retry-base", "200ms",
                "symptom.channels.outbox-interval", "1s",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG_FILE,
                "quarkus.log.file.level", "ALL");
    }
}
