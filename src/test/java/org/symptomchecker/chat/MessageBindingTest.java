package org.symptomchecker.chat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stored ciphertext is bound to its conversation and place: moved to another conversation's row or another seq it
 * refuses to decrypt (an error, never other text), and age, sex and the interview are stored encrypted too.
 */
@QuarkusTest
class MessageBindingTest {

    @Inject
    EntityManager em;
    @Inject
    ConversationStore conversations;

    String one(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            Object value = q.getSingleResult();
            return value == null ? null : value.toString();
        });
    }

    void update(String sql, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            q.executeUpdate();
        });
    }

    /** Conversations this test spoils on purpose: erased after each test, as other tests read what they find stored. */
    final List<String> spoilt = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void eraseSpoiltConversations() {
        spoilt.forEach(conversations::erase);
    }

    @Test
    void aMessageMovedToAnotherConversationOrSeqRefusesToDecrypt() {
        String source = TestClient.say(null, "my heel hurts in the morning").getString("conversationId");
        String target = TestClient.say(null, "my neck is stiff after sleeping").getString("conversationId");
        String other = TestClient.say(null, "my toe is red and swollen").getString("conversationId");
        spoilt.addAll(List.of(target, other));

        // both conversations' keys are the same kind of value; each message is bound to its own conversation and seq
        String moved = one("select text from conversation_message where conversation_id = ?1 and seq = 0", source);
        assertThat(moved).startsWith("v2:");
        update("update conversation_message set text = ?1 where conversation_id = ?2 and seq = 0", moved, target);
        assertThatThrownBy(() -> conversations.history(target)).isInstanceOf(IllegalStateException.class).hasMessageContaining("decryption failed");

        String reply = one("select text from conversation_message where conversation_id = ?1 and seq = 1", other);
        update("update conversation_message set text = ?1 where conversation_id = ?2 and seq = 0", reply, other);
        assertThatThrownBy(() -> conversations.history(other)).isInstanceOf(IllegalStateException.class).hasMessageContaining("decryption failed");

        // the source conversation reads and goes on as before
        assertThat(conversations.history(source).get(0).text).isEqualTo("my heel hurts in the morning");
        assertThat(TestClient.say(source, "it gets better after walking").getString("conversationId")).isEqualTo(source);
        assertThat(conversations.history(source)).hasSize(4);
        // the spoilt conversation is answered as any conversation the store cannot read today: 200, without its history
        assertThat(TestClient.say(target, "and my shoulder too").getString("reply")).isNotBlank();
    }

    @Test
    void theTriageStateAndHealthDetailsMovedToAnotherConversationRefuseToDecrypt() {
        String source = TestClient.chat(TestClient.json(Map.of("message", "I have had a cough for a week", "age", 71, "sex", "male")))
                .getString("conversationId");
        String target = TestClient.say(null, "I have a sore throat").getString("conversationId");
        spoilt.add(target);

        // nothing but the version and base64 (looking for the digits "71" failed by chance in one run in thirty)
        assertThat(one("select health from conversation where id = ?1", source)).matches("v2:[A-Za-z0-9+/]+=*");
        assertThat(one("select age from conversation where id = ?1", source)).isNull();
        assertThat(one("select sex from conversation where id = ?1", source)).isNull();
        assertThat(conversations.context(source, 10).profile().age()).isEqualTo(71);

        update("update conversation set triage_state = (select triage_state from conversation where id = ?1) where id = ?2", source, target);
        assertThatThrownBy(() -> conversations.context(target, 10)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("decryption failed");
        String health = one("select health from conversation where id = ?1", source);
        update("update conversation set triage_state = null, health = ?1 where id = ?2", health, target);
        assertThatThrownBy(() -> conversations.context(target, 10)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("decryption failed");
    }

    @Test
    void healthDetailsLeftInClearColumnsByEarlierVersionsAreReadAndMovedLosingNothing() {
        String id = TestClient.say(null, "my hip hurts when I walk").getString("conversationId");
        // as an earlier version left the row: details in the clear columns, none encrypted
        update("update conversation set health = null, age = 64, sex = 'female', interview_flow = 'hip-pain', interview_done = false where id = ?1", id);
        assertThat(conversations.clearHealthLeft()).isPositive();

        TurnContext read = conversations.context(id, 10);
        assertThat(read.profile().age()).isEqualTo(64);
        assertThat(read.profile().sex()).isEqualTo("female");
        assertThat(read.activeFlow()).isEqualTo("hip-pain");

        for (ConversationStore.Moved batch = conversations.moveClearHealth(null, 2); batch.last() != null;
             batch = conversations.moveClearHealth(batch.last(), 2)) {
            // on to the end, two at a time
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Conversation) Conversation.findById(id)).clearAge)).isNull();
        List<String> clear = List.of("age", "sex", "interview_flow", "interview_done");
        clear.forEach(column -> assertThat(one("select " + column + " from conversation where id = ?1", id)).isNull());
        TurnContext moved = conversations.context(id, 10);
        assertThat(moved.profile().age()).isEqualTo(64);
        assertThat(moved.profile().sex()).isEqualTo("female");
        assertThat(moved.activeFlow()).isEqualTo("hip-pain");
    }
}
