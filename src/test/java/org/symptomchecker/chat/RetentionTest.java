package org.symptomchecker.chat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Message text is encrypted per conversation; erasure and expiry destroy it; a text-free triage record stays. */
@QuarkusTest
class RetentionTest {

    @Inject
    EntityManager em;
    @Inject
    ConversationStore conversations;

    static String chat(String message) {
        return org.symptomchecker.TestClient.chat(org.symptomchecker.TestClient.json(java.util.Map.of("message", message, "channel", "web")))
                .getString("conversationId");
    }

    long records() {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("select count(*) from triage_record").getSingleResult()).longValue());
    }

    long count(String sql, String id) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue());
    }

    @Test
    void messageTextIsStoredEncrypted() {
        String id = chat("my knee clicks like a zebra xylophone");

        @SuppressWarnings("unchecked")
        List<String> stored = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select text from conversation_message where conversation_id = ?1").setParameter(1, id).getResultList());

        assertThat(stored).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("v2:").doesNotContain("zebra"));
        assertThat(conversations.history(id).get(0).text).isEqualTo("my knee clicks like a zebra xylophone");
    }

    @Test
    void erasureForgetsAtOnceAndKeepsOnlyATextFreeRecord() {
        long recordsBefore = records();
        String id = chat("my dad has crushing chest pain");

        given().delete("/api/v1/conversations/" + id).then().statusCode(204);

        assertThat(count("select count(*) from conversation where id = ?1", id)).isZero();
        assertThat(count("select count(*) from conversation_message where conversation_id = ?1", id)).isZero();
        assertThat(count("select count(*) from conversation_key where conversation_id = ?1", id)).isZero();
        assertThat(records()).isGreaterThan(recordsBefore);
        assertThat(count("select count(*) from triage_record where level = 'EMERGENCY' and channel = ?1", "web")).isPositive();
        given().delete("/api/v1/conversations/" + id).then().statusCode(404).body("status", equalTo(404));
        String next = given().contentType(ContentType.JSON).body("{\"conversationId\":\"" + id + "\",\"message\":\"hello\"}")
                .post("/api/v1/chat").then().statusCode(200).extract().jsonPath().getString("conversationId");
        assertThat(next).isNotEqualTo(id);
    }

    @Test
    void expiredConversationsArePurged() {
        String id = chat("my knee clicks");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update conversation set last_active_at = ?1 where id = ?2")
                .setParameter(1, Instant.now().minus(31, ChronoUnit.DAYS)).setParameter(2, id).executeUpdate());

        assertThat(conversations.purgeExpired()).isPositive();

        assertThat(count("select count(*) from conversation_message where conversation_id = ?1", id)).isZero();
        assertThat(count("select count(*) from conversation_key where conversation_id = ?1", id)).isZero();
    }

    @Test
    void erasingAnUnknownConversationIsANotFoundProblem() {
        given().delete("/api/v1/conversations/nope").then().statusCode(404).body("status", equalTo(404));
        given().delete("/api/v1/conversations/bad$id").then().statusCode(404);
    }
}
