package org.symptomchecker.limits;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestClient;
import org.symptomchecker.chat.ConversationStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The chat API's rate limits through real HTTP: 429 with Retry-After and a problem body, never for a red flag. */
@QuarkusTest
@TestProfile(RateLimitProfile.class)
class RateLimitTest {

    static final String EMERGENCY = "crushing chest pain spreading to my left arm";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @Inject
    ConversationStore conversations;
    @Inject
    RateLimiter limiter;

    /** An address no other test uses (the limits are per address). */
    static String client() {
        return "198.51.100." + CLIENTS.incrementAndGet();
    }

    static Response chat(String address, String conversationId, String message) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        body.put("message", message);
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address).body(TestClient.json(body))
                .post("/api/v1/chat");
    }

    static void assertTooMany(Response r) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(429);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
        assertThat(r.jsonPath().getString("title")).isEqualTo("Too many requests");
        assertThat(r.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(r.jsonPath().getString("detail")).contains("try again in " + r.header("Retry-After") + " second");
    }

    @Test
    void anAddressOverItsLimitGets429WithRetryAfterAndAProblem() {
        String address = client();
        for (int i = 0; i < RateLimitProfile.PER_ADDRESS; i++) {
            assertThat(chat(address, null, "what is tens").statusCode()).isEqualTo(200);
        }
        Response over = chat(address, null, "what is tens");
        assertTooMany(over);
        assertThat(over.jsonPath().getString("detail")).contains("from this address");
        // an hour's period over 5 requests: one comes back after 12 minutes
        assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(600L, 720L);

        assertThat(chat(client(), null, "what is tens").statusCode()).as("another address is not limited").isEqualTo(200);
        Response forwardedLast = given().contentType(ContentType.JSON).header("X-Forwarded-For", "10.9.9.9, " + address)
                .body("{\"message\":\"what is tens\"}").post("/api/v1/chat");
        assertThat(forwardedLast.statusCode()).as("the proxy's entry (the last) is the address").isEqualTo(429);
    }

    @Test
    void aConversationOverItsLimitGets429AndTheRefusedTurnIsNotStored() {
        String id = chat(client(), null, "my lower back hurts after lifting").then().statusCode(200).extract().jsonPath()
                .getString("conversationId");
        for (int i = 0; i < RateLimitProfile.PER_CONVERSATION; i++) {
            assertThat(chat(client(), id, "what helps back pain " + i).statusCode()).isEqualTo(200);
        }
        int stored = conversations.history(id).size();
        assertThat(stored).isEqualTo(2 * (1 + RateLimitProfile.PER_CONVERSATION));

        Response over = chat(client(), id, "what helps back pain again");
        assertTooMany(over);
        assertThat(over.jsonPath().getString("detail")).contains("in this conversation");
        assertThat(conversations.history(id)).as("a refused turn is stored nowhere").hasSize(stored);

        Response emergency = chat(client(), id, EMERGENCY);
        assertThat(emergency.statusCode()).as(emergency.asString()).isEqualTo(200);
        assertThat(emergency.jsonPath().getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(emergency.jsonPath().getString("reply")).contains("911");
        // a fixed reply is sent before its record is written: wait (boundedly) for the record
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (conversations.history(id).size() < stored + 2 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(conversations.history(id)).as("the emergency is recorded with its conversation").hasSize(stored + 2);
    }

    @Test
    void anEmergencyOverTheAddressLimitStillGetsItsFixedReplyOnBothEndpoints() {
        String address = client();
        for (int i = 0; i < RateLimitProfile.PER_ADDRESS; i++) {
            chat(address, null, "what is tens").then().statusCode(200);
        }
        assertTooMany(chat(address, null, "what is a headache"));

        Response emergency = chat(address, null, EMERGENCY);
        assertThat(emergency.statusCode()).as(emergency.asString()).isEqualTo(200);
        assertThat(emergency.jsonPath().getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(emergency.jsonPath().getString("reply")).contains("911");

        Response stream = given().contentType(ContentType.JSON).accept("text/event-stream").header("X-Forwarded-For", address)
                .body("{\"message\":\"" + EMERGENCY + "\"}").post("/api/v1/chat/stream");
        assertThat(stream.statusCode()).as(stream.asString()).isEqualTo(200);
        assertThat(stream.asString()).contains("EMERGENCY").contains("911");

        Response refusedStream = given().contentType(ContentType.JSON).accept("text/event-stream").header("X-Forwarded-For", address)
                .body("{\"message\":\"what is a headache\"}").post("/api/v1/chat/stream");
        assertTooMany(refusedStream);
    }

    @Test
    void turnsOverTheConcurrencyCapAreRefusedAtOnceAndNeverFail() throws Exception {
        // the cap's places taken as a turn in flight takes them, so the refusal does not depend on timing
        List<RateLimiter.Admission> held = new ArrayList<>();
        for (int i = 0; i < RateLimitProfile.MAX_IN_FLIGHT; i++) {
            RateLimiter.Admission a = limiter.admit(client(), null);
            assertThat(a.refused()).isFalse();
            held.add(a);
        }
        try {
            Response busy = chat(client(), null, "what is tens");
            assertTooMany(busy);
            assertThat(busy.jsonPath().getString("detail")).contains("at once");
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            Response emergency = chat(client(), null, EMERGENCY);
            assertThat(emergency.statusCode()).isEqualTo(200);
            assertThat(emergency.jsonPath().getString("reply")).contains("911");
            assertThat(statuses(8)).as("every place taken: all refused").containsOnly(429);
        } finally {
            held.forEach(RateLimiter.Admission::close);
        }
        List<Integer> burst = statuses(12);
        assertThat(burst).as("answered or refused, never failed").isSubsetOf(List.of(200, 429)).contains(200);
        assertThat(chat(client(), null, "what is tens").statusCode()).as("the places are given back").isEqualTo(200);
    }

    /** The statuses of parallel requests, each from an address of its own; every 200 carries a reply. */
    private static List<Integer> statuses(int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < parallel; i++) {
                String address = client();
                sent.add(pool.submit(() -> {
                    start.await();
                    return chat(address, null, "what helps a sore throat");
                }));
            }
            start.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Response> f : sent) {
                Response r = f.get(120, TimeUnit.SECONDS);
                if (r.statusCode() == 200) {
                    assertThat(r.jsonPath().getString("reply")).isNotBlank();
                } else {
                    assertTooMany(r);
                }
                out.add(r.statusCode());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputIsStillA400NotALimitOrAFailure() {
        Response r = given().contentType(ContentType.JSON).header("X-Forwarded-For", client()).body("{\"message\":").post("/api/v1/chat");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }
}
