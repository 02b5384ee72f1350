package org.symptomchecker.chat;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Two configured master keys, ka and kb, kb active, and no background re-wrapping (the test re-wraps through the admin
 * endpoint). The generated key k0 of the other tests' conversations is not configured here: abandoned on purpose.
 */
public class KeyRotationProfile implements QuarkusTestProfile {

    /** Key A (ka) and key B (kb), fixed for the test. */
    public static final String KEY_A = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=";
    public static final String KEY_B = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("symptom.conversation.master-keys.ka", KEY_A,
                "symptom.conversation.master-keys.kb", KEY_B,
                "symptom.conversation.active-key-id", "kb",
                "symptom.conversation.abandoned-key-ids", "k0",
                "symptom.conversation.rewrap-in-background", "false");
    }
}
