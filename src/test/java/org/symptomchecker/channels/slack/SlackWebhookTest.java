package org.symptomchecker.channels.slack;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symptomchecker.channels.PlatformEdgesProfile;
import org.symptomchecker.channels.InboundMessage;
import org.symptomchecker.channels.RecordingInbox;
import org.symptomchecker.channels.edge.WebhookSignature;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(PlatformEdgesProfile.class)
class SlackWebhookTest {

    @Inject
    RecordingInbox inbox;

    @BeforeEach
    void clear() {
        inbox.clear();
    }

    static String messageEvent(String eventId, String extraEventFields) {
        return """
                {"token":"t","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"%s","event_time":1733480000,
                "authorizations":[{"team_id":"T1","user_id":"UBOT","is_bot":true}],
                "event":{"type":"message","channel":"C0123","user":"U0456","text":"I feel dizzy","ts":"1733480000.000100"%s}}
                """.formatted(eventId, extraEventFields);
    }

    static String sign(String secret, long ts, String body) {
        return "v0=" + WebhookSignature.hmacSha256Hex(secret, ("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8));
    }

    private static ValidatableResponse post(String path, String contentType, long ts, String signature, String body, String... headers) {
        var request = given().contentType(contentType).body(body)
                .header("X-Slack-Request-Timestamp", String.valueOf(ts));
        if (signature != null) {
            request = request.header("X-Slack-Signature", signature);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        return request.post(path).then();
    }

    private static ValidatableResponse event(String body, String... headers) {
        long now = Instant.now().getEpochSecond();
        return post("/channels/slack/events", "application/json", now, sign(PlatformEdgesProfile.SLACK_SIGNING_SECRET, now, body), body, headers);
    }

    @Test
    void urlVerificationAnswersTheChallenge() {
        event("{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}")
                .statusCode(200).contentType(ContentType.JSON)
                .body("challenge", equalTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }

    @Test
    void aPersonsMessageIsHandedToTheInbox() {
        event(messageEvent("Ev01ABC", "")).statusCode(200);
        assertThat(inbox.accepted()).containsExactly(new InboundMessage("slack", "Ev01ABC", "U0456", "C0123", "I feel dizzy"));
    }

    @Test
    void slacksRetryOfTheSameEventIsAcknowledgedButTakenOnce() {
        event(messageEvent("Ev01RETRY", "")).statusCode(200);
        event(messageEvent("Ev01RETRY", ""), "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout").statusCode(200);
        assertThat(inbox.accepted()).hasSize(1);
        assertThat(inbox.refused()).isEqualTo(1);
    }

    @Test
    void botMessagesSubtypesAndTheBotsOwnMessagesAreIgnored() {
        event(messageEvent("Ev02", ",\"bot_id\":\"B1\"")).statusCode(200);
        event(messageEvent("Ev03", ",\"subtype\":\"message_changed\"")).statusCode(200);
        event(messageEvent("Ev04", "").replace("\"user\":\"U0456\"", "\"user\":\"UBOT\"")).statusCode(200);
        event("{\"type\":\"event_callback\",\"event_id\":\"Ev05\",\"event\":{\"type\":\"reaction_added\",\"user\":\"U0456\"}}").statusCode(200);
        event("{\"type\":\"app_rate_limited\",\"minute_rate_limited\":1518467820}").statusCode(200);
        assertThat(inbox.accepted()).isEmpty();
    }

    @Test
    void aStaleTimestampIsRefusedEvenWithAValidSignature() {
        String body = messageEvent("Ev06", "");
        long stale = Instant.now().getEpochSecond() - 301;
        post("/channels/slack/events", "application/json", stale, sign(PlatformEdgesProfile.SLACK_SIGNING_SECRET, stale, body), body)
                .statusCode(401).contentType("application/problem+json");
        long future = Instant.now().getEpochSecond() + 600;
        post("/channels/slack/events", "application/json", future, sign(PlatformEdgesProfile.SLACK_SIGNING_SECRET, future, body), body)
                .statusCode(401);
        assertThat(inbox.accepted()).isEmpty();
    }

    @Test
    void aTamperedBodyAWrongSecretAChangedTimestampOrNoSignatureIsRefused() {
        String body = messageEvent("Ev07", "");
        long now = Instant.now().getEpochSecond();
        String good = sign(PlatformEdgesProfile.SLACK_SIGNING_SECRET, now, body);
        post("/channels/slack/events", "application/json", now, good, body.replace("dizzy", "fine")).statusCode(403);
        post("/channels/slack/events", "application/json", now, sign("other-secret", now, body), body).statusCode(403);
        post("/channels/slack/events", "application/json", now - 1, good, body).statusCode(403);
        post("/channels/slack/events", "application/json", now, null, body).statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").header("X-Slack-Signature", good).body(body)
                .post("/channels/slack/events").then().statusCode(401);
        assertThat(inbox.accepted()).isEmpty();
    }

    @Test
    void malformedJsonWithAValidSignatureIs400() {
        event("{\"type\":\"event_callback\",").statusCode(400).contentType("application/problem+json");
        assertThat(inbox.accepted()).isEmpty();
    }

    @Test
    void aButtonClickBecomesTheButtonsValue() {
        String payload = """
                {"type":"block_actions","user":{"id":"U0456","username":"pat"},"trigger_id":"123.456.abc",
                "channel":{"id":"C0123","name":"triage"},"container":{"type":"message","channel_id":"C0123"},
                "actions":[{"type":"button","action_id":"followup-0-1","block_id":"followup-0",
                "text":{"type":"plain_text","text":"Yes, since this morning"},"value":"Yes, since this morning","action_ts":"1733480001.000200"}]}
                """;
        String form = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        post("/channels/slack/interactions", "application/x-www-form-urlencoded", now,
                sign(PlatformEdgesProfile.SLACK_SIGNING_SECRET, now, form), form).statusCode(200);
        assertThat(inbox.accepted()).containsExactly(
                new InboundMessage("slack", "1733480001.000200", "U0456", "C0123", "Yes, since this morning"));
        post("/channels/slack/interactions", "application/x-www-form-urlencoded", now,
                sign("other-secret", now, form), form).statusCode(403);
        assertThat(inbox.accepted()).hasSize(1);
    }

    @Test
    void aSlowInboxGetsSlackToDeliverAgainAndItsRetryIsAnsweredOnce() throws InterruptedException {
        inbox.slowDown(java.time.Duration.ofSeconds(4));
        event(messageEvent("Ev08SLOW", "")).statusCode(503);
        assertThat(inbox.awaitAccepted("Ev08SLOW", java.time.Duration.ofSeconds(10))).as("the slow inbox still takes it").isTrue();
        inbox.slowDown(java.time.Duration.ZERO);
        event(messageEvent("Ev08SLOW", "")).statusCode(200);
        assertThat(inbox.accepted()).extracting(InboundMessage::deliveryId).containsExactly("Ev08SLOW");
    }
}
