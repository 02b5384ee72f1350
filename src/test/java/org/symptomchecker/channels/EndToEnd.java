package org.symptomchecker.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.symptomchecker.TestClient;
import org.symptomchecker.channels.edge.WebhookSignature;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the channels' end-to-end tests share: webhook bodies signed as Meta and Slack sign them, posted through
 * real HTTP; the sends {@link PlatformApiStub} received for one recipient; the outbox row of a delivery; bounded
 * waits; and the fixed emergency reply's first line, read from the guardrails files.
 */
public final class EndToEnd {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a test waits for a send that should come. */
    public static final Duration SEND_WAIT = Duration.ofSeconds(20);
    /** How long a test waits after the sends it expects for one that should not come. */
    public static final Duration QUIET = Duration.ofSeconds(2);
    public static final String EMERGENCY = "crushing chest pain spreading to my left arm and I am sweating";

    private EndToEnd() {
    }

    /** A WhatsApp number of its own for one test (digits only, as Meta gives {@code from}). */
    public static String phoneNumber() {
        return "1555" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** A Slack id of its own for one test: U... for a user, D... for a channel. */
    public static String slackId(char kind) {
        StringBuilder id = new StringBuilder().append(kind);
        for (int i = 0; i < 10; i++) {
            id.append("ABCDEFGHJKLMNPQRSTUVWXYZ23456789".charAt(ThreadLocalRandom.current().nextInt(32)));
        }
        return id.toString();
    }

    public static String uniqueId(String prefix) {
        return prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** Waits, polling, until the condition holds; fails once {@code within} has passed. */
    public static void await(String what, BooleanSupplier condition, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - end).as("waited %s for %s", within, what).isNegative();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until at least {@code count} sends arrived, then {@link #QUIET} longer, and returns all of them. */
    public static List<LoggedRequest> settled(String what, Supplier<List<LoggedRequest>> sends, int count) {
        await(what, () -> sends.get().size() >= count, SEND_WAIT);
        sleep(QUIET);
        return sends.get();
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- WhatsApp ---

    /** A WhatsApp Cloud delivery of one message from {@code from}, {@code message} being its messages[0] object. */
    private static String whatsAppDelivery(String from, ObjectNode message) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode value = root.putArray("entry").addObject().put("id", "WABA-E2E").putArray("changes").addObject()
                .put("field", "messages").putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "15550001111").put("phone_number_id", ChannelsProfile.WHATSAPP_PHONE_NUMBER_ID);
        value.putArray("contacts").addObject().put("wa_id", from).putObject("profile").put("name", "Pat");
        value.putArray("messages").add(message.put("from", from).put("timestamp", String.valueOf(Instant.now().getEpochSecond())));
        return root.toString();
    }

    public static String whatsAppText(String wamid, String from, String text) {
        ObjectNode m = JSON.createObjectNode().put("id", wamid).put("type", "text");
        m.putObject("text").put("body", text);
        return whatsAppDelivery(from, m);
    }

    /** The person's tap on an interactive option: {@code kind} is button_reply or list_reply. */
    public static String whatsAppChoice(String wamid, String from, String kind, String id, String title) {
        ObjectNode m = JSON.createObjectNode().put("id", wamid).put("type", "interactive");
        ObjectNode interactive = m.putObject("interactive").put("type", kind);
        interactive.putObject(kind).put("id", id).put("title", title);
        return whatsAppDelivery(from, m);
    }

    /** Posts a delivery signed with the app secret (X-Hub-Signature-256). */
    public static ValidatableResponse postWhatsApp(String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json").body(raw)
                .header("X-Hub-Signature-256", "sha256=" + WebhookSignature.hmacSha256Hex(ChannelsProfile.WHATSAPP_APP_SECRET, raw))
                .post("/channels/whatsapp").then();
    }

    /** Every send to the Graph API for this number, in arrival order. */
    public static List<LoggedRequest> whatsAppSends(WireMockServer api, String to) {
        return api.findAll(postRequestedFor(urlPathEqualTo(PlatformApiStub.whatsAppSendPath()))
                .withRequestBody(matchingJsonPath("$.to", equalTo(to))));
    }

    // --- Slack ---

    public static String slackMessage(String eventId, String user, String channel, String text) {
        ObjectNode root = JSON.createObjectNode().put("token", "t").put("team_id", "T0E2E").put("api_app_id", "A0E2E")
                .put("type", "event_callback").put("event_id", eventId).put("event_time", Instant.now().getEpochSecond());
        root.putArray("authorizations").addObject().put("team_id", "T0E2E").put("user_id", "UBOTE2E").put("is_bot", true);
        root.putObject("event").put("type", "message").put("channel", channel).put("channel_type", "im").put("user", user)
                .put("text", text).put("ts", Instant.now().getEpochSecond() + ".000100");
        return root.toString();
    }

    /** A Slack request signed with the signing secret (v0) at the current time, with further headers (name, value, ...). */
    private static ValidatableResponse postSlack(String path, String contentType, String body, String... headers) {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String signature = "v0=" + WebhookSignature.hmacSha256Hex(ChannelsProfile.SLACK_SIGNING_SECRET,
                ("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8));
        var request = given().contentType(contentType).body(body)
                .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", signature);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        return request.post(path).then();
    }

    public static ValidatableResponse postSlackEvent(String body, String... headers) {
        return postSlack("/channels/slack/events", "application/json", body, headers);
    }

    /** The person's click on a Block Kit button of ours, as Slack's interactivity request sends it. */
    public static ValidatableResponse postSlackClick(String user, String channel, JsonNode button, String actionTs) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("trigger_id", uniqueId("trigger."));
        payload.putObject("user").put("id", user).put("username", "pat").put("team_id", "T0E2E");
        payload.putObject("channel").put("id", channel).put("name", "directmessage");
        payload.putObject("container").put("type", "message").put("channel_id", channel);
        payload.putArray("actions").addObject().put("type", "button").put("action_id", button.path("action_id").asText())
                .put("block_id", "followup-0").put("value", button.path("value").asText()).put("action_ts", actionTs)
                .set("text", button.path("text"));
        String form = "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
        return postSlack("/channels/slack/interactions", "application/x-www-form-urlencoded", form);
    }

    /** Every chat.postMessage to this Slack channel, in arrival order. */
    public static List<LoggedRequest> slackSends(WireMockServer api, String channel) {
        return api.findAll(postRequestedFor(urlPathEqualTo(PlatformApiStub.SLACK_SEND_PATH))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channel))));
    }

    // --- how the platform answers one recipient ---

    /** The platform answers every send to {@code path} whose JSON {@code field} is {@code value} with this response. */
    public static void answerFor(WireMockServer api, String path, String field, String value, ResponseDefinitionBuilder response) {
        api.stubFor(post(urlPathEqualTo(path)).atPriority(1).withRequestBody(matchingJsonPath("$." + field, equalTo(value)))
                .willReturn(response));
    }

    /** The platform refuses the first such send with 429 and Retry-After: 1 (and this JSON body), then answers {@code accepted}. */
    public static void rateLimitOnce(WireMockServer api, String path, String field, String value, String refusal,
                                     ResponseDefinitionBuilder accepted) {
        String scenario = "429 once for " + value;
        api.stubFor(post(urlPathEqualTo(path)).atPriority(1).withRequestBody(matchingJsonPath("$." + field, equalTo(value)))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody(refusal))
                .willSetStateTo("accepting"));
        api.stubFor(post(urlPathEqualTo(path)).atPriority(1).withRequestBody(matchingJsonPath("$." + field, equalTo(value)))
                .inScenario(scenario).whenScenarioStateIs("accepting").willReturn(accepted));
    }

    // --- what was sent, and what should have been ---

    public static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON API's reply to the same message on the same channel, in a new conversation (or in {@code conversationId}'s). */
    public static JsonPath chatApi(String channel, String conversationId, String message) {
        Map<String, Object> request = new java.util.LinkedHashMap<>();
        if (conversationId != null) {
            request.put("conversationId", conversationId);
        }
        request.put("message", message);
        request.put("channel", channel);
        return TestClient.chat(TestClient.json(request));
    }

    /** "Source: title" for each citation of a JSON API reply, as every channel words its source lines. */
    public static List<String> sourceLines(JsonPath reply) {
        List<String> titles = reply.getList("citations.title", String.class);
        assertThat(titles).as("the JSON API's citations").isNotEmpty();
        return titles.stream().map(t -> "Source: " + t).distinct().toList();
    }

    /** The fixed emergency reply's first line (guardrails/responses/emergency.txt) with the region's number filled in. */
    public static String emergencyInstruction(String region) {
        try {
            String line = Files.readAllLines(Path.of("guardrails/responses/emergency.txt")).get(0).strip();
            JsonNode regions = new ObjectMapper(new YAMLFactory()).readTree(Path.of("guardrails/regions.yaml").toFile()).path("regions");
            String number = regions.path(region).path("emergency_number").asText();
            assertThat(number).as("the emergency number of " + region).isNotBlank();
            assertThat(line).contains("{{emergency_number}}");
            return line.replace("{{emergency_number}}", number);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The outbox row answering a delivery: its status and attempts; null when there is none. */
    public record OutboxRow(String status, int attempts) {
    }

    public static OutboxRow outboxRow(DataSource dataSource, String channel, String deliveryId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select status, attempts from channel_outbox where channel = ? and delivery_id = ?")) {
            s.setString(1, channel);
            s.setString(2, deliveryId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new OutboxRow(r.getString(1), r.getInt(2)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void awaitStatus(DataSource dataSource, String channel, String deliveryId, String status) {
        await(channel + " " + deliveryId + " " + status, () -> {
            OutboxRow row = outboxRow(dataSource, channel, deliveryId);
            return row != null && row.status().equals(status);
        }, SEND_WAIT);
    }

    /** The application's log holds none of these (numbers, ids, what the person wrote). */
    public static void assertNotLogged(Collection<String> personal) {
        Path log = Path.of(ChannelsProfile.LOG_FILE);
        assertThat(log).exists();
        assertThat(personal).isNotEmpty();
        try {
            String text = Files.readString(log);
            assertThat(text).as("the application log").isNotBlank();
            for (String p : personal) {
                assertThat(text).as("the application log").doesNotContain(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
