package org.symptomchecker.channels.whatsapp;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symptomchecker.channels.PlatformEdgesProfile;
import org.symptomchecker.channels.InboundMessage;
import org.symptomchecker.channels.RecordingInbox;
import org.symptomchecker.channels.edge.WebhookSignature;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(PlatformEdgesProfile.class)
class WhatsAppWebhookTest {

    @Inject
    RecordingInbox inbox;

    @BeforeEach
    void clear() {
        inbox.clear();
    }

    static String textDelivery(String wamid, String from, String body) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"PN1"},
                "contacts":[{"profile":{"name":"Pat"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"1733480000","type":"text","text":{"body":"%s"}}]}}]}]}
                """.formatted(from, from, wamid, body);
    }

    static String sign(String secret, String body) {
        return "sha256=" + WebhookSignature.hmacSha256Hex(secret, body.getBytes(StandardCharsets.UTF_8));
    }

    private static io.restassured.response.ValidatableResponse post(String signature, String body) {
        var request = given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request = request.header("X-Hub-Signature-256", signature);
        }
        return request.post("/channels/whatsapp").then();
    }

    @Test
    void theSubscriptionCheckAnswersTheChallengeOnlyForTheRightToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", PlatformEdgesProfile.WHATSAPP_VERIFY_TOKEN)
                .queryParam("hub.challenge", "1158201444")
                .get("/channels/whatsapp").then().statusCode(200).contentType(ContentType.TEXT).body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "wrong")
                .queryParam("hub.challenge", "1158201444")
                .get("/channels/whatsapp").then().statusCode(403).contentType("application/problem+json");
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", PlatformEdgesProfile.WHATSAPP_VERIFY_TOKEN)
                .queryParam("hub.challenge", "1")
                .get("/channels/whatsapp").then().statusCode(403);
    }

    @Test
    void aSignedTextMessageIsHandedToTheInbox() {
        String body = textDelivery("wamid.HBgL1", "15551234567", "I have a headache");
        post(sign(PlatformEdgesProfile.WHATSAPP_APP_SECRET, body), body).statusCode(200);
        assertThat(inbox.accepted()).containsExactly(
                new InboundMessage("whatsapp", "wamid.HBgL1", "15551234567", "15551234567", "I have a headache"));
    }

    @Test
    void theSameDeliveryTwiceIsTakenOnceAndStillAcknowledged() {
        String body = textDelivery("wamid.TWICE", "15551234567", "hello");
        post(sign(PlatformEdgesProfile.WHATSAPP_APP_SECRET, body), body).statusCode(200);
        post(sign(PlatformEdgesProfile.WHATSAPP_APP_SECRET, body), body).statusCode(200);
        assertThat(inbox.accepted()).hasSize(1);
        assertThat(inbox.refused()).isEqualTo(1);
    }

    @Test
    void buttonAndListRepliesBecomeTheChosenOption() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","messages":[
                {"from":"15550000001","id":"wamid.B1","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"Yes, since this morning","title":"Yes, since this mor…"}}},
                {"from":"15550000002","id":"wamid.L1","type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"","title":"More than a week"}}}
                ]}}]}]}
                """;
        post(sign(PlatformEdgesProfile.WHATSAPP_APP_SECRET, body), body).statusCode(200);
        assertThat(inbox.accepted()).extracting(InboundMessage::deliveryId, InboundMessage::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("wamid.B1", "Yes, since this morning"),
                org.assertj.core.groups.Tuple.tuple("wamid.L1", "More than a week"));
    }

    @Test
    void statusCallbacksAndUnknownTypesAreAcknowledgedAndIgnored() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","statuses":[
                {"id":"wamid.S1","status":"sent","timestamp":"1733480000","recipient_id":"15551234567"},
                {"id":"wamid.S1","status":"delivered","timestamp":"1733480001","recipient_id":"15551234567"},
                {"id":"wamid.S1","status":"read","timestamp":"1733480002","recipient_id":"15551234567"}],
                "messages":[{"from":"15551234567","id":"wamid.IMG","type":"image","image":{"id":"media1"}}]}}]}]}
                """;
        post(sign(PlatformEdgesProfile.WHATSAPP_APP_SECRET, body), body).statusCode(200);
        assertThat(inbox.accepted()).isEmpty();
    }

    @Test
    void aTamperedBodyAWrongSecretOrNoSignatureIsRefusedAndNothingIsHandedOver() {
        String body = textDelivery("wamid.BAD", "15551234567", "hello");
        String tampered = body.replace("hello", "hullo");
        post(sign(PlatformEdgesProfile.WHATSAPP_APP_SECRET, body), tampered).statusCode(403).contentType("application/problem+json");
        post(sign("another-secret", body), body).statusCode(403);
        post(null, body).statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        post("sha256=", body).statusCode(403);
        assertThat(inbox.accepted()).isEmpty();
    }

    @Test
    void malformedJsonWithAValidSignatureIs400() {
        String body = "{\"entry\":[";
        post(sign(PlatformEdgesProfile.WHATSAPP_APP_SECRET, body), body).statusCode(400).contentType("application/problem+json");
        String array = "[1,2]";
        post(sign(PlatformEdgesProfile.WHATSAPP_APP_SECRET, array), array).statusCode(400);
        assertThat(inbox.accepted()).isEmpty();
    }

    @Test
    void aSlowInboxGetsThePlatformToDeliverAgainAndTheRedeliveryIsAnsweredOnce() throws InterruptedException {
        inbox.slowDown(java.time.Duration.ofSeconds(4));
        String body = textDelivery("wamid.SLOW", "15551234567", "hello");
        post(sign(PlatformEdgesProfile.WHATSAPP_APP_SECRET, body), body).statusCode(503).contentType("application/problem+json");
        assertThat(inbox.awaitAccepted("wamid.SLOW", java.time.Duration.ofSeconds(10))).as("the slow inbox still takes it").isTrue();
        inbox.slowDown(java.time.Duration.ZERO);
        post(sign(PlatformEdgesProfile.WHATSAPP_APP_SECRET, body), body).statusCode(200);
        assertThat(inbox.accepted()).extracting(InboundMessage::deliveryId).containsExactly("wamid.SLOW");
        assertThat(inbox.refused()).as("Meta's redelivery").isEqualTo(1);
    }

    @Test
    void anInboxThatFailsGetsThePlatformToDeliverAgain() {
        inbox.failing(true);
        String body = textDelivery("wamid.DOWN", "15551234567", "hello");
        post(sign(PlatformEdgesProfile.WHATSAPP_APP_SECRET, body), body).statusCode(503).contentType("application/problem+json");
        inbox.failing(false);
        post(sign(PlatformEdgesProfile.WHATSAPP_APP_SECRET, body), body).statusCode(200);
        assertThat(inbox.accepted()).extracting(InboundMessage::deliveryId).containsExactly("wamid.DOWN");
    }
}
