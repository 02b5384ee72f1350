package org.symptomchecker.chat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.TestClient;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Master key rotation: conversations written under key A are re-wrapped under key B (the admin endpoint reports what
 * is left), then read with B alone; a conversation erased before the rotation stays unreadable from a backup copy of
 * its key once A is gone. A key that is not the one the database was written with, and wrapped keys under a key that
 * is not configured, refuse the start.
 */
@QuarkusTest
@TestProfile(KeyRotationProfile.class)
class KeyRotationTest {

    static final String ADMIN = "test-admin-token";

    @Inject
    ConversationKeys keys;
    @Inject
    ConversationStore conversations;
    @Inject
    SymptomConfig config;
    @Inject
    EntityManager em;

    static MessageCipher cipher(String active, Map<String, String> base64) {
        Map<String, SecretKey> map = new HashMap<>();
        base64.forEach((id, k) -> map.put(id, new SecretKeySpec(Base64.getDecoder().decode(k), "AES")));
        return new MessageCipher(new MasterKeys(map, active, false));
    }

    String one(String sql, String id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(sql).setParameter(1, id).getSingleResult());
    }

    /** This profile's keys would refuse the other tests' starts: its conversations go. */
    @AfterEach
    void eraseThisProfilesConversations() {
        @SuppressWarnings("unchecked")
        List<String> ids = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select conversation_id from conversation_key where key_id in ('ka', 'kb')").getResultList());
        ids.forEach(conversations::erase);
    }

    JsonPath status() {
        return given().header("X-Admin-Token", ADMIN).get("/api/v1/admin/conversation-keys").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void rotationRewrapsUnderTheNewKeyAndRemovingTheOldKeyLeavesErasedConversationsUnreadableInBackups() {
        String kept = TestClient.chat(TestClient.json(Map.of("message", "my knee clicks when I climb stairs", "age", 52, "sex", "female")))
                .getString("conversationId");
        String erased = TestClient.say(null, "my wrist hurts after typing").getString("conversationId");
        assertThat(one("select key_id from conversation_key where conversation_id = ?1", kept)).isEqualTo("kb");

        // the database as written under key A: both conversations' keys wrapped by ka
        MessageCipher underA = cipher("ka", Map.of("ka", KeyRotationProfile.KEY_A, "kb", KeyRotationProfile.KEY_B));
        while (keys.rewrapBatch(underA) > 0) {
            // until none is left under kb
        }
        assertThat(one("select key_id from conversation_key where conversation_id = ?1", kept)).isEqualTo("ka");
        assertThat(one("select wrapped_key from conversation_key where conversation_id = ?1", kept)).startsWith("v2:ka:");

        // a backup taken now, then the person erases the second conversation
        String backupKey = one("select wrapped_key from conversation_key where conversation_id = ?1", erased);
        String backupText = one("select text from conversation_message where seq = 0 and conversation_id = ?1", erased);
        given().delete("/api/v1/conversations/" + erased).then().statusCode(204);

        // A and B configured, B active (this application): the admin endpoint re-wraps what is left under A
        given().get("/api/v1/admin/conversation-keys").then().statusCode(401);
        given().header("X-Admin-Token", "wrong").post("/api/v1/admin/conversation-keys/rewrap").then().statusCode(401);
        JsonPath before = status();
        assertThat(before.getString("activeKeyId")).isEqualTo("kb");
        assertThat(before.getLong("left")).isPositive();
        assertThat(before.getLong("wrappedKeys.ka")).isPositive();
        JsonPath after = given().header("X-Admin-Token", ADMIN).post("/api/v1/admin/conversation-keys/rewrap")
                .then().statusCode(200).extract().jsonPath();
        assertThat(after.getLong("left")).isZero();
        assertThat(after.getMap("wrappedKeys")).doesNotContainKey("ka");
        assertThat(one("select key_id from conversation_key where conversation_id = ?1", kept)).isEqualTo("kb");

        // then only B: the kept conversation, its triage state and its health details still read
        ConversationStore onlyB = new ConversationStore(config, cipher("kb", Map.of("kb", KeyRotationProfile.KEY_B)));
        assertThat(QuarkusTransaction.requiringNew().call(() -> onlyB.history(kept)).get(0).text).isEqualTo("my knee clicks when I climb stairs");
        TurnContext context = QuarkusTransaction.requiringNew().call(() -> onlyB.context(kept, 10));
        assertThat(context.isNew()).isFalse();
        assertThat(context.profile().age()).isEqualTo(52);
        assertThat(context.profile().sex()).isEqualTo("female");
        assertThat(context.state()).isNotNull();
        // and over HTTP the conversation goes on
        assertThat(TestClient.say(kept, "it is worse in the morning").getString("conversationId")).isEqualTo(kept);
        assertThat(conversations.history(kept)).hasSize(4);

        // the erased conversation's key survives only in the backup: with A still configured it would open it...
        MessageCipher withA = cipher("kb", Map.of("ka", KeyRotationProfile.KEY_A, "kb", KeyRotationProfile.KEY_B));
        assertThat(withA.decrypt(erased, backupKey, MessageCipher.message(0), backupText)).isEqualTo("my wrist hurts after typing");
        // ...with B alone it cannot, under its own id or passed off as B's
        MessageCipher bAlone = cipher("kb", Map.of("kb", KeyRotationProfile.KEY_B));
        assertThatThrownBy(() -> bAlone.decrypt(erased, backupKey, MessageCipher.message(0), backupText))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'ka' is not configured");
        String passedOff = "v2:kb:" + backupKey.substring("v2:ka:".length());
        assertThatThrownBy(() -> bAlone.decrypt(erased, passedOff, MessageCipher.message(0), backupText))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("decryption failed");
    }

    @Test
    void aDifferentKeyUnderAKnownIdRefusesTheStart() {
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        MasterKeys wrongA = cipher("ka", Map.of("ka", Base64.getEncoder().encodeToString(other))).keys();
        assertThatThrownBy(() -> keys.verify(wrongA, Set.of("k0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the master key ka is not the one this database was written with");
        // the right keys pass
        keys.verify(cipher("kb", Map.of("ka", KeyRotationProfile.KEY_A, "kb", KeyRotationProfile.KEY_B)).keys(), Set.of("k0"));
    }

    @Test
    void wrappedKeysUnderAKeyThatIsNotConfiguredRefuseTheStartUnlessAbandoned() {
        TestClient.say(null, "my shoulder is stiff");
        byte[] c = new byte[32];
        new SecureRandom().nextBytes(c);
        MasterKeys onlyC = cipher("kc", Map.of("kc", Base64.getEncoder().encodeToString(c))).keys();
        long underB = keys.counts().get("kb");

        assertThatThrownBy(() -> keys.verify(onlyC, Set.of("k0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(underB + " under kb")
                .hasMessageContaining("symptom.conversation.abandoned-key-ids");
        keys.verify(onlyC, Set.of("k0", "ka", "kb"));
    }
}
