package org.symptomchecker.limits;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.symptomchecker.chat.ConversationStore;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bound on turns answered at once (symptom.chat.max-concurrent-turns) through real HTTP, with the rate limits off
 * (as in benchmarks): a turn that finds no place in time gets 503 with Retry-After and a problem and is stored nowhere;
 * a red flag still gets its fixed reply. The test holds the only place itself, so nothing depends on timing.
 */
@QuarkusTest
@TestProfile(TurnGateTest.OnePlace.class)
class TurnGateTest {

    public static class OnePlace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("symptom.chat.max-concurrent-turns", "1", "symptom.chat.max-queue-wait", "100ms",
                    "symptom.triage.region", "US");
        }
    }

    @Inject
    TurnGate gate;
    @Inject
    ConversationStore conversations;

    private static Response chat(String conversationId, String message, String path) {
        String body = conversationId == null ? "{\"message\":\"" + message + "\"}"
                : "{\"conversationId\":\"" + conversationId + "\",\"message\":\"" + message + "\"}";
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    @Test
    void aTurnThatFindsNoPlaceInTimeIsRefusedWith503AndStoredNowhere() {
        String id = chat(null, "my lower back hurts after lifting", "/api/v1/chat").then().statusCode(200).extract()
                .jsonPath().getString("conversationId");
        int stored = conversations.history(id).size();
        assertThat(stored).isEqualTo(2);

        try (TurnGate.Place taken = gate.enter()) {
            assertThat(taken).isNotNull();
            assertThat(gate.free()).isZero();
            Response busy = chat(id, "what helps back pain", "/api/v1/chat");
            assertThat(busy.statusCode()).as(busy.asString()).isEqualTo(503);
            assertThat(busy.contentType()).startsWith("application/problem+json");
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            assertThat(busy.jsonPath().getString("title")).isEqualTo("Busy");
            assertThat(busy.jsonPath().getInt("status")).isEqualTo(503);
            assertThat(busy.jsonPath().getString("detail")).contains("try again in 1 second");
            assertThat(chat(null, "what is a headache", "/api/v1/chat/stream").statusCode()).isEqualTo(503);
            assertThat(conversations.history(id)).as("a shed turn is stored nowhere").hasSize(stored);
        }

        assertThat(gate.free()).isEqualTo(1);
        Response after = chat(id, "what helps back pain", "/api/v1/chat");
        assertThat(after.statusCode()).as(after.asString()).isEqualTo(200);
        assertThat(conversations.history(id)).hasSize(stored + 2);
        assertThat(gate.free()).as("the turn gave its place back").isEqualTo(1);
    }

    @Test
    void aRedFlagIsAnsweredAndRecordedEvenWhenNoPlaceIsFree() {
        String id = chat(null, "my lower back hurts after lifting", "/api/v1/chat").then().statusCode(200).extract()
                .jsonPath().getString("conversationId");
        try (TurnGate.Place taken = gate.enter()) {
            assertThat(taken).isNotNull();
            Response emergency = chat(id, RateLimitTest.EMERGENCY, "/api/v1/chat");
            assertThat(emergency.statusCode()).as(emergency.asString()).isEqualTo(200);
            assertThat(emergency.jsonPath().getString("triage.level")).isEqualTo("EMERGENCY");
            assertThat(emergency.jsonPath().getString("reply")).contains("911");
            Response stream = chat(null, RateLimitTest.EMERGENCY, "/api/v1/chat/stream");
            assertThat(stream.statusCode()).as(stream.asString()).isEqualTo(200);
            assertThat(stream.asString()).contains("EMERGENCY").contains("911");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (conversations.history(id).size() < 4 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(conversations.history(id)).as("the emergency is recorded with its conversation").hasSize(4);
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedAndZeroMeansNoBound() {
        assertThatThrownBy(() -> new TurnGate(-1, Duration.ofMillis(10), 4)).hasMessageContaining("max-concurrent-turns");
        assertThatThrownBy(() -> new TurnGate(1, Duration.ofMillis(-1), 4)).hasMessageContaining("max-queue-wait");
        assertThatThrownBy(() -> new TurnGate(1, Duration.ofMillis(1), -1)).hasMessageContaining("max-queued-turns");
        TurnGate unbounded = new TurnGate(0, Duration.ZERO, 0);
        try (TurnGate.Place a = unbounded.enter(); TurnGate.Place b = unbounded.enter()) {
            assertThat(a).isNotNull();
            assertThat(b).isNotNull();
        }
        // an hour's wait: were the full line not refused at once, this test would hang (and fail on the suite's timeout)
        TurnGate noLine = new TurnGate(1, Duration.ofHours(1), 0);
        try (TurnGate.Place a = noLine.enter()) {
            assertThat(a).isNotNull();
            assertThat(noLine.enter()).as("no room in the line: refused without waiting").isNull();
        }
        TurnGate one = new TurnGate(1, Duration.ofMillis(20), 4);
        try (TurnGate.Place a = one.enter()) {
            assertThat(a).isNotNull();
            assertThat(one.enter()).as("the only place is taken: none after the wait").isNull();
            a.close();
            a.close(); // twice gives back one place only
            assertThat(one.free()).isEqualTo(1);
        }
    }
}
