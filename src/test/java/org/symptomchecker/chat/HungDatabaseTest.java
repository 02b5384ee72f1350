package org.symptomchecker.chat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.symptomchecker.ProxiedDatabase;
import org.symptomchecker.TcpProxy;
import org.symptomchecker.TestClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that hangs (connections open, nothing answered) must not hold up triage: an emergency gets
 * its fixed reply within a second, an ordinary question a (perhaps degraded) answer within three, and the
 * service carries on storing conversations once the database answers again. PostgreSQL only: a proxy
 * between the application and the database plays the hang ({@link TcpProxy#pause()}).
 */
@QuarkusTest
@TestProfile(HungDatabaseTest.ShortDeadlines.class)
@EnabledIfSystemProperty(named = "quarkus.datasource.jdbc.url", matches = ProxiedDatabase.POSTGRES,
        disabledReason = ProxiedDatabase.NEEDS_POSTGRES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HungDatabaseTest {

    static final String EMERGENCY = "I have crushing chest pain spreading to my left arm";
    static final String BENIGN = "what helps a sore throat";

    /** The shipped deadlines written out (so the test shows which ones it relies on); the database through the proxy. */
    public static class ShortDeadlines implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("symptom.deadlines.store-read-ms", "500",
                    "symptom.deadlines.store-write-ms", "1000",
                    "symptom.deadlines.retrieval-ms", "2000",
                    "symptom.conversation.held-turns-replay-interval", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedDatabase.class));
        }
    }

    @TestHTTPResource("/api/v1/chat")
    URI chat;
    @Inject
    ConversationStore conversations;
    @Inject
    HeldTurns held;

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    static TcpProxy proxy() {
        TcpProxy proxy = ProxiedDatabase.proxy();
        assertThat(proxy).as("the proxy in front of PostgreSQL").isNotNull();
        return proxy;
    }

    private HttpRequest request(Map<String, String> body, Duration deadline) {
        return HttpRequest.newBuilder(chat).timeout(deadline).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.json(body))).build();
    }

    private JsonPath say(String message, Duration deadline) throws IOException, InterruptedException {
        return say(null, message, deadline);
    }

    /** The chat's 200 answer to a message; the test fails if no answer has come when the deadline passes. */
    private JsonPath say(String conversationId, String message, Duration deadline) throws IOException, InterruptedException {
        Map<String, String> body = conversationId == null ? Map.of("message", message)
                : Map.of("conversationId", conversationId, "message", message);
        HttpResponse<String> r;
        try {
            r = CLIENT.send(request(body, deadline), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("POST /api/v1/chat \"" + message + "\": no answer within " + deadline.toMillis() + " ms"
                    + (proxy().isPaused() ? " while the database hangs; request threads wait in " + whereRequestsWait() : ""), e);
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JsonPath.from(r.body());
    }

    /** The innermost frame of this project's code on each request thread: where a turn is held up. */
    private static String whereRequestsWait() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(t -> t.getKey().getName().startsWith("executor-thread"))
                .flatMap(t -> Arrays.stream(t.getValue()).filter(f -> f.getClassName().startsWith("org.symptomchecker.")).limit(1))
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName() + ":" + f.getLineNumber())
                .distinct().collect(Collectors.joining(", ", "[", "]"));
    }

    @BeforeEach
    void theServiceWorksThroughTheProxy() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        assertThat(url).as("the application's database URL").contains("127.0.0.1:" + proxy().port() + "/");
        JsonPath first = say(BENIGN, Duration.ofSeconds(30));
        assertThat(first.getString("reply")).isNotBlank();
        assertThat(proxy().connectionsAccepted()).isPositive();
    }

    @AfterEach
    void databaseAnswersAgain() {
        TcpProxy proxy = ProxiedDatabase.proxy();
        if (proxy != null) {
            proxy.resume();
        }
    }

    @Test
    @Order(1)
    void anEmergencyIsRoutedWithinASecond() throws Exception {
        String routed = say(EMERGENCY, Duration.ofSeconds(30)).getString("reply");
        String action = Files.readString(Path.of("guardrails/responses/emergency.txt")).lines().findFirst().orElseThrow()
                .replace("{{emergency_number}}", "911");
        assertThat(routed).startsWith(action);

        proxy().pause();
        JsonPath reply = say(EMERGENCY, Duration.ofSeconds(1));

        assertThat(reply.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(reply.getString("reply")).isEqualTo(routed);
        assertThat(reply.getList("citations")).isEmpty();
    }

    @Test
    @Order(2)
    void anEmergencyInAConversationBegunBeforeTheHangIsRoutedWithinASecond() throws Exception {
        String id = say("my lower back is sore", Duration.ofSeconds(30)).getString("conversationId");

        proxy().pause();
        JsonPath reply = say(id, EMERGENCY, Duration.ofSeconds(1)); // its conversation cannot be read: the request alone is triaged

        assertThat(reply.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(reply.getString("conversationId")).isEqualTo(id);
    }

    @Test
    @Order(3)
    void anOrdinaryQuestionIsAnsweredWithinThreeSeconds() throws Exception {
        proxy().pause();
        JsonPath reply = say(BENIGN, Duration.ofSeconds(3));

        assertThat(reply.getString("reply")).isNotBlank(); // degraded, it may say it has no vetted content
    }

    @Test
    @Order(4)
    void whenTheDatabaseAnswersAgainConversationsAreStoredAgain() throws Exception {
        proxy().pause();
        // a turn begun during the hang, left to finish (or not) on its own
        CLIENT.sendAsync(request(Map.of("message", BENIGN), Duration.ofSeconds(10)), HttpResponse.BodyHandlers.discarding());
        Thread.sleep(1_000);
        proxy().resume();

        Instant giveUp = Instant.now().plusSeconds(30);
        AssertionError last = null;
        while (Instant.now().isBefore(giveUp)) {
            try {
                assertThat(say(EMERGENCY, Duration.ofSeconds(5)).getString("triage.level")).isEqualTo("EMERGENCY");
                String id = say(BENIGN, Duration.ofSeconds(5)).getString("conversationId");
                JsonPath next = say(id, "and what about a cough", Duration.ofSeconds(5));
                assertThat(next.getString("conversationId")).as("the follow-up carries on the stored conversation").isEqualTo(id);
                assertThat(conversations.history(id)).hasSize(4);
                return;
            } catch (AssertionError e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw new AssertionError("the service did not recover within 30 s of the database answering again", last);
    }

    @Test
    @Order(5)
    void turnsAnsweredDuringTheHangAreStoredWhenTheDatabaseAnswersAgain() throws Exception {
        String earlier = say("my lower back is sore", Duration.ofSeconds(30)).getString("conversationId");

        proxy().pause();
        String flagged = say(EMERGENCY, Duration.ofSeconds(1)).getString("conversationId");
        assertThat(say(earlier, EMERGENCY, Duration.ofSeconds(1)).getString("triage.level")).isEqualTo("EMERGENCY");
        String benign = say(BENIGN, Duration.ofSeconds(3)).getString("conversationId");
        proxy().resume();

        Instant giveUp = Instant.now().plusSeconds(30);
        while ((held.count() > 0 || conversations.history(flagged).isEmpty()) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(500);
        }
        assertThat(held.count()).as("turns still held 30 s after the database answers again").isZero();
        assertThat(conversations.history(flagged)).extracting(m -> m.text).startsWith(EMERGENCY);
        assertThat(conversations.history(benign)).extracting(m -> m.text).startsWith(BENIGN);
        assertThat(conversations.history(earlier)).hasSize(4);
        assertThat(conversations.history(earlier).get(2).text).isEqualTo(EMERGENCY);
        JsonPath after = say(earlier, "ok thanks", Duration.ofSeconds(5));
        assertThat(after.getString("triage.level")).as("the red flag told during the hang stands in its conversation").isEqualTo("EMERGENCY");
    }
}
