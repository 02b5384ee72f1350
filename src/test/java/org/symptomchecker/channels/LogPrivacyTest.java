package org.symptomchecker.channels;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.symptomchecker.TestClient;
import org.symptomchecker.channels.twilio.TwilioWebhooks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.symptomchecker.chat.ChatStream;
import org.symptomchecker.chat.Conversation;
import org.symptomchecker.chat.GuardedStore;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;

/**
 * No message text, name, phone number, e-mail address, platform id or conversation id reaches the log: conversations
 * seeded with such data go through every channel (the chat API and its stream, feedback, search, the Twilio, WhatsApp
 * Cloud and Slack webhooks), their refusals (bad JSON, too long, bad signatures) and a failing store, while every log
 * record of the application is captured, its arguments, context and exceptions included.
 */
@QuarkusTest
@TestProfile(ChannelsProfile.class)
class LogPrivacyTest {

    private static final String NAME = "Jane Placeholder";
    private static final String PHONE = "+447700900123";
    private static final String EMAIL = "jane.placeholder@example.org";
    /** A word of the person's own, found nowhere else: any log line holding it holds what they wrote. */
    private static final String MARKER = "zelquorb" + randomLetters(6);

    @PlatformApiStub.Server
    WireMockServer api;
    @InjectSpy
    GuardedStore store;

    private final Capture capture = new Capture();
    private final List<String> seeded = new ArrayList<>(List.of(NAME, PHONE, PHONE.substring(1), EMAIL, MARKER));

    private static String randomLetters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    /** What a person might write: their name, number and address, a symptom, and the marker word. */
    private static String personal(String symptom) {
        return "I am " + NAME + ", call me on " + PHONE + " or write to " + EMAIL + ". " + symptom + " " + MARKER;
    }

    /** Every record logged anywhere in the JVM while it is installed, as the text a formatter could write of it. */
    static final class Capture extends Handler {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        public void publish(LogRecord r) {
            StringBuilder line = new StringBuilder().append(r.getLevel()).append(' ').append(r.getLoggerName()).append(' ')
                    .append(r.getMessage());
            if (r instanceof ExtLogRecord ext) {
                line.append(" | ").append(ext.getFormattedMessage()).append(" | ").append(ext.getMdcCopy())
                        .append(" | ").append(ext.getNdc());
            }
            if (r.getParameters() != null) {
                line.append(" | ").append(Arrays.deepToString(r.getParameters()));
            }
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(" | ").append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void listen() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
        Mockito.reset(store);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Response postJson(String path, String json) {
        return given().contentType(ContentType.JSON).body(json).post(path);
    }

    private static void refused(Response r, int status) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.asString()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void noPersonalDataReachesTheLog() {
        webChannel();
        refusals();
        twilio();
        whatsApp();
        slack();
        storeFailure();
        databaseRefusal();
        EndToEnd.sleep(EndToEnd.QUIET);

        List<String> lines = List.copyOf(capture.lines);
        assertThat(lines).as("log records captured while the conversations ran")
                .anyMatch(l -> l.contains("org.symptomchecker"));
        for (String line : lines) {
            String folded = line.toLowerCase(Locale.ROOT);
            for (String value : seeded) {
                assertThat(folded).as("a log line holds '%s': %s", value, line).doesNotContain(value.toLowerCase(Locale.ROOT));
            }
        }
        EndToEnd.assertNotLogged(seeded);
    }

    /** The chat API, its stream, feedback and search, as the widget and integrations call them. */
    private void webChannel() {
        var first = TestClient.chat(TestClient.json(body("message", personal("does a tens machine help back pain?"), "channel", "web")));
        String id = first.getString("conversationId");
        seeded.add(id);
        TestClient.chat(TestClient.json(body("conversationId", id, "message", personal("it is worse at night"), "age", 44, "sex", "female")));
        Response vote = postJson("/api/v1/feedback", TestClient.json(body("conversationId", id, "vote", "down",
                "comment", personal("not helpful"))));
        assertThat(vote.statusCode()).isIn(201, 404);
        var emergency = TestClient.chat(TestClient.json(body("message", personal(EndToEnd.EMERGENCY))));
        seeded.add(emergency.getString("conversationId"));
        assertThat(emergency.getString("triage.level")).isEqualTo("EMERGENCY");
        ChatStream stream = ChatStream.post(TestClient.json(body("message", personal("what helps a headache?"), "channel", "web")));
        assertThat(stream.status()).isEqualTo(200);
        seeded.add(stream.events().get(stream.events().size() - 1).data().path("conversationId").asText());
        assertThat(postJson("/api/v1/search", TestClient.json(body("q", personal("shingles rash")))).statusCode()).isEqualTo(200);
        assertThat(given().queryParam("q", personal("back pain")).get("/api/v1/search").statusCode()).isEqualTo(200);
        assertThat(given().delete("/api/v1/conversations/" + id).statusCode()).isEqualTo(204);
    }

    /** Refusals whose bodies hold the person's words: each a problem, none logged. */
    private void refusals() {
        refused(postJson("/api/v1/chat", "{\"message\":\"" + personal("my head hurts")), 400);
        refused(postJson("/api/v1/chat/stream", "{\"message\":\"" + personal("my head hurts") + "\",,}"), 400);
        refused(postJson("/api/v1/chat", TestClient.json(body("message", personal("x".repeat(2001))))), 413);
        refused(postJson("/api/v1/chat", TestClient.json(body("message", personal("hi"), "age", NAME))), 400);
        refused(postJson("/api/v1/chat", TestClient.json(body("message", personal("hi"), "sex", EMAIL))), 400);
        refused(postJson("/api/v1/chat", TestClient.json(body("message", personal("hi"), "conversationId", PHONE))), 400);
        refused(postJson("/api/v1/chat", "{\"message\":\"" + NAME + "\",\"message\":\"" + personal("hi") + "\"}"), 400);
        refused(postJson("/api/v1/chat", "{\"" + personal("hi") + "\":\"" + personal("hi") + "\",\"" + MARKER + "\":1,\""
                + MARKER + "\":2}"), 400);
        refused(postJson("/api/v1/chat", TestClient.json(body("message", personal("y".repeat(70_000))))), 413);
        refused(postJson("/api/v1/feedback", TestClient.json(body("conversationId", MARKER, "vote", "down",
                "comment", personal("z".repeat(600))))), 400);
        refused(postJson("/api/v1/feedback", TestClient.json(body("conversationId", MARKER, "vote", "down",
                "comment", personal("no answer")))), 404);
        refused(postJson("/api/v1/search", "{\"q\":\"" + personal("rash") + "\",\"limit\":\"" + EMAIL + "\"}"), 400);
        refused(postJson("/api/v1/search", TestClient.json(body("q", personal("rash"), "mode", NAME))), 400);
        refused(given().contentType(ContentType.TEXT).body(personal("hi")).post("/api/v1/chat"), 415);
        refused(given().delete("/api/v1/conversations/" + MARKER), 404);
    }

    private void twilio() {
        Response reply = TwilioWebhooks.sms(PHONE, personal("does a tens machine help back pain?"));
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(TwilioWebhooks.sms(PHONE, personal(EndToEnd.EMERGENCY)).statusCode()).isEqualTo(200);
        Response unsigned = given().contentType("application/x-www-form-urlencoded").body("From=" + PHONE.replace("+", "%2B")
                + "&Body=" + MARKER + "&MessageSid=SM" + MARKER).post("/channels/twilio");
        assertThat(unsigned.statusCode()).isBetween(400, 403);
    }

    private void whatsApp() {
        String waId = EndToEnd.phoneNumber();
        seeded.add(waId);
        String wamid = EndToEnd.uniqueId("wamid.");
        EndToEnd.postWhatsApp(EndToEnd.whatsAppText(wamid, waId, personal("does a tens machine help back pain?"))).statusCode(200);
        EndToEnd.postWhatsApp(EndToEnd.whatsAppText(EndToEnd.uniqueId("wamid."), waId, personal(EndToEnd.EMERGENCY))).statusCode(200);
        EndToEnd.settled("WhatsApp replies", () -> EndToEnd.whatsAppSends(api, waId), 2);
        assertThat(EndToEnd.postWhatsApp("{\"object\":\"" + personal("x") + "\",").extract().statusCode()).isBetween(200, 499);
        given().contentType(ContentType.JSON).body(EndToEnd.whatsAppText(EndToEnd.uniqueId("wamid."), waId, personal("hi")))
                .header("X-Hub-Signature-256", "sha256=00").post("/channels/whatsapp").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
    }

    private void slack() {
        String user = EndToEnd.slackId('U');
        String channel = EndToEnd.slackId('D');
        seeded.add(user);
        seeded.add(channel);
        EndToEnd.postSlackEvent(EndToEnd.slackMessage(EndToEnd.uniqueId("Ev"), user, channel,
                personal("does a tens machine help back pain?"))).statusCode(200);
        EndToEnd.postSlackEvent(EndToEnd.slackMessage(EndToEnd.uniqueId("Ev"), user, channel, personal(EndToEnd.EMERGENCY)))
                .statusCode(200);
        EndToEnd.settled("Slack replies", () -> EndToEnd.slackSends(api, channel), 2);
        assertThat(EndToEnd.postSlackEvent("{\"type\":\"event_callback\",\"event\":{\"user\":\"" + user + "\",\"text\":\""
                + personal("x")).extract().statusCode()).isBetween(200, 499);
        given().contentType(ContentType.JSON).body(EndToEnd.slackMessage(EndToEnd.uniqueId("Ev"), user, channel, personal("hi")))
                .header("X-Slack-Request-Timestamp", "1").header("X-Slack-Signature", "v0=00").post("/channels/slack/events")
                .then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
    }

    /** The store refuses to record a turn, its error naming what it was given: the reply still comes, the log stays clean. */
    private void storeFailure() {
        Mockito.doReturn(CompletableFuture.failedFuture(new IllegalStateException("store down: " + personal("record"))))
                .when(store).record(any(), any());
        var reply = TestClient.chat(TestClient.json(body("message", personal("does a tens machine help back pain?"))));
        seeded.add(reply.getString("conversationId"));
        var emergency = TestClient.chat(TestClient.json(body("message", personal(EndToEnd.EMERGENCY))));
        seeded.add(emergency.getString("conversationId"));
        assertThat(capture.lines).as("the store's failure is logged").anyMatch(l -> l.contains("not recorded"));
        Mockito.reset(store);
    }

    /**
     * The database refuses a row: a conversation stored twice under one id, as a late write and its held copy can race.
     * The driver's message quotes the row's values, the id among them; neither Hibernate nor the transaction manager
     * may pass it on to the log.
     */
    private void databaseRefusal() {
        String id = TestClient.chat(TestClient.json(body("message", personal("my ankle has been sore for a week"))))
                .getString("conversationId");
        seeded.add(id);
        Conversation stored = null;
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); stored == null && System.nanoTime() < end; ) {
            stored = QuarkusTransaction.requiringNew().call(() -> Conversation.<Conversation>findById(id));
            if (stored == null) {
                EndToEnd.sleep(java.time.Duration.ofMillis(100));
            }
        }
        assertThat(stored).as("the conversation is stored").isNotNull();
        Conversation found = stored;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            Conversation twin = new Conversation();
            twin.id = id;
            twin.createdAt = found.createdAt;
            twin.lastActiveAt = found.lastActiveAt;
            twin.channel = found.channel;
            twin.region = found.region;
            twin.messageCount = 0;
            twin.storedChars = 0L;
            twin.persist();
        })).as("the database refuses a second row with the same id").isNotNull();
    }
}
