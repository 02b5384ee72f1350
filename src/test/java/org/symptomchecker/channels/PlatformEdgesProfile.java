package org.symptomchecker.channels;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;
import java.util.Set;

/** The WhatsApp Cloud and Slack webhooks switched on with test secrets, their deliveries going to {@link RecordingInbox}. */
public class PlatformEdgesProfile implements QuarkusTestProfile {

    public static final String WHATSAPP_VERIFY_TOKEN = "verify-me";
    public static final String WHATSAPP_APP_SECRET = "whatsapp-app-secret";
    public static final String SLACK_SIGNING_SECRET = "slack-signing-secret";

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordingInbox.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "symptom.channels.whatsapp.verify-token", WHATSAPP_VERIFY_TOKEN,
                "symptom.channels.whatsapp.app-secret", WHATSAPP_APP_SECRET,
                "symptom.channels.slack.signing-secret", SLACK_SIGNING_SECRET);
    }
}
