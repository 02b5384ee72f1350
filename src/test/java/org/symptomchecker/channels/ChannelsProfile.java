package org.symptomchecker.channels;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * The one restart every channel test shares: each platform's secrets set to test values, a quick outbox
 * (few attempts, short backoff) so retries can be watched, and {@link PlatformApiStub} standing in for the
 * WhatsApp Cloud and Slack APIs. Platforms add their settings here.
 */
public class ChannelsProfile implements QuarkusTestProfile {

    public static final String TWILIO_TOKEN = "test-twilio-auth-token";
    public static final String TWILIO_URL = "https://symptoms.example.org/channels/twilio";
    public static final String TWILIO_ACCOUNT = "ACtest0001";
    /** Where a test's stand-in for Twilio's REST API listens (symptom.channels.twilio.api-base-url). */
    public static final int TWILIO_API_PORT = freePort();
    public static final String WHATSAPP_VERIFY_TOKEN = "e2e-verify-token";
    public static final String WHATSAPP_APP_SECRET = "e2e-whatsapp-app-secret";
    public static final String WHATSAPP_ACCESS_TOKEN = "e2e-whatsapp-access-token";
    public static final String WHATSAPP_PHONE_NUMBER_ID = "106540352242922";
    /** The Graph API version in the send URL (the configured default, written out so the tests name it). */
    public static final String WHATSAPP_GRAPH_VERSION = "21.0";
    public static final String SLACK_SIGNING_SECRET = "e2e-slack-signing-secret";
    public static final String SLACK_BOT_TOKEN = "xoxb-e2e-bot-token";
    /** The deployment's region (symptom.triage.region), which WhatsApp's replies use. */
    public static final String DEPLOYMENT_REGION = "US";
    /** Slack's replies use this region (symptom.triage.channel-regions.slack); WhatsApp's the deployment's. */
    public static final String SLACK_REGION = "UK";
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
                Map.entry("symptom.channels.whatsapp.verify-token", WHATSAPP_VERIFY_TOKEN),
                Map.entry("symptom.channels.whatsapp.app-secret", WHATSAPP_APP_SECRET),
                Map.entry("symptom.channels.whatsapp.access-token", WHATSAPP_ACCESS_TOKEN),
                Map.entry("symptom.channels.whatsapp.phone-number-id", WHATSAPP_PHONE_NUMBER_ID),
                Map.entry("symptom.channels.whatsapp.graph-version", WHATSAPP_GRAPH_VERSION),
                Map.entry("symptom.channels.slack.signing-secret", SLACK_SIGNING_SECRET),
                Map.entry("symptom.channels.slack.bot-token", SLACK_BOT_TOKEN),
                Map.entry("symptom.triage.region", DEPLOYMENT_REGION),
                Map.entry("symptom.triage.channel-regions.slack", SLACK_REGION),
                Map.entry("symptom.channels.max-attempts", String.valueOf(MAX_ATTEMPTS)),
                Map.entry("symptom.channels.retry-base", "200ms"),
                Map.entry("symptom.channels.outbox-interval", "1s"),
                Map.entry("quarkus.log.file.enabled", "true"),
                Map.entry("quarkus.log.file.path", LOG_FILE),
                Map.entry("quarkus.log.file.level", "ALL"),
                // the service's own DEBUG lines too, so the checks that no number or text is logged read them all
                Map.entry("quarkus.log.category.\"org.symptomchecker\".level", "DEBUG"),
                Map.entry("quarkus.log.console.level", "INFO"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PlatformApiStub.class));
    }
}
