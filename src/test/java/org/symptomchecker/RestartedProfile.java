package org.symptomchecker;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The same data folder and database, a restarted application (a profile of its own makes Quarkus restart),
 * with small conversation caps too: RestartTest and ConversationCapTest share this one restart.
 */
public class RestartedProfile implements QuarkusTestProfile {

    /** The cap on turns per conversation in this profile. */
    public static final int MAX_TURNS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("symptom.index.sync-interval", "3s", "symptom.conversation.max-turns", String.valueOf(MAX_TURNS));
    }
}
