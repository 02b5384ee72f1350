package org.symptomchecker.chat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simultaneous turns of one conversation (a double submit, two tabs, two instances): each is recorded whole, in
 * order, or refused; a turn never lands on a conversation that moved on after it was read.
 */
@QuarkusTest
class ConcurrentTurnTest {

    @Inject
    ConversationStore conversations;
    @Inject
    GuardedStore guarded;

    @Test
    void aTurnRecordedOntoAConversationThatMovedOnIsRefusedAndWritesNothing() {
        String id = TestClient.say(null, "what is tens").getString("conversationId");
        TurnContext first = conversations.context(id, 10);
        TurnContext second = conversations.context(id, 10); // two instances read the same version
        TurnRecord.Triaged triaged = new TurnRecord.Triaged("NONE", java.util.List.of(), "v", 0, null);
        TurnRecord turn = new TurnRecord(new ConversationStore.Profile(null, null, null, null), "a", "b", null, true, null, false, null, triaged);

        conversations.record(first, turn);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> guarded.record(second, turn).toCompletableFuture().join())
                .hasCauseInstanceOf(ConcurrentTurnException.class);
        assertThat(conversations.history(id)).hasSize(4);
    }

    @Test
    void simultaneousTurnsAreSerialisedOrRefusedNeverScrambled() throws Exception {
        String id = TestClient.say(null, "my lower back hurts after lifting").getString("conversationId");
        int parallel = 8;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < parallel; i++) {
                String message = "message number " + i + " about my back";
                sent.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON)
                            .body(TestClient.json(java.util.Map.of("conversationId", id, "message", message)))
                            .post("/api/v1/chat").andReturn();
                }));
            }
            start.countDown();
            int answered = 0;
            for (Future<Response> f : sent) {
                Response r = f.get(120, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.asString()).isIn(200, 409);
                if (r.statusCode() == 200) {
                    answered++;
                    assertThat(r.jsonPath().getString("conversationId")).isEqualTo(id);
                } else {
                    assertThat(r.contentType()).contains("application/problem+json");
                    assertThat(r.jsonPath().getString("title")).isEqualTo("Conversation busy");
                }
            }
            List<ConversationMessage> stored = conversations.history(id);
            assertThat(stored).hasSize(2 + 2 * answered); // the first turn and every answered one, nothing else
            for (int i = 0; i < stored.size(); i++) {
                assertThat(stored.get(i).seq).isEqualTo(i);
                assertThat(stored.get(i).role).isEqualTo(i % 2 == 0 ? ConversationMessage.Role.USER : ConversationMessage.Role.ASSISTANT);
            }
            assertThat(answered).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }
}
