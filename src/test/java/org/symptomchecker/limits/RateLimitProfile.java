package org.symptomchecker.limits;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Rate limits on, small, with a refill period of an hour: within one test nothing refills, so a limit is reached
 * after exactly its count and no test waits on the clock. Addresses come from X-Forwarded-For, so each test is a
 * client of its own. Twilio is configured, for the channel's limit.
 */
public class RateLimitProfile implements QuarkusTestProfile {

    public static final int PER_ADDRESS = 5;
    public static final int PER_CONVERSATION = 3;
    public static final int MAX_IN_FLIGHT = 2;
    public static final int SMS = 2;
    public static final String TWILIO_TOKEN = "rate-limit-twilio-token";
    public static final String TWILIO_URL = "https://symptoms.example.org/channels/twilio";

    protected boolean enabled() {
        return true;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("symptom.rate-limit.enabled", String.valueOf(enabled())),
                Map.entry("symptom.rate-limit.period", "1h"),
                Map.entry("symptom.rate-limit.per-address", String.valueOf(PER_ADDRESS)),
                Map.entry("symptom.rate-limit.per-conversation", String.valueOf(PER_CONVERSATION)),
                Map.entry("symptom.rate-limit.max-in-flight", String.valueOf(MAX_IN_FLIGHT)),
                Map.entry("symptom.rate-limit.trust-forwarded-for", "true"),
                Map.entry("symptom.rate-limit.channels.sms", String.valueOf(SMS)),
                Map.entry("symptom.channels.twilio.auth-token", TWILIO_TOKEN),
                Map.entry("symptom.channels.twilio.public-url", TWILIO_URL),
                Map.entry("symptom.channels.twilio.account-sid", "ACratelimit"),
                Map.entry("symptom.triage.region", "US"));
    }

    /** The same small limits, switched off. */
    public static class Off extends RateLimitProfile {
        @Override
        protected boolean enabled() {
            return false;
        }
    }
}
