package org.symptomchecker.channels;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Without their secrets (the default test configuration) the WhatsApp Cloud and Slack webhooks are off: 404. */
@QuarkusTest
class ChannelsOffTest {

    @Test
    void whatsAppAndSlackAreOffUntilTheirSecretsAreSet() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "x").queryParam("hub.challenge", "1")
                .get("/channels/whatsapp").then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").header("X-Hub-Signature-256", "sha256=00").body("{}")
                .post("/channels/whatsapp").then().statusCode(404).body("status", equalTo(404));
        given().contentType("application/json").body("{}").post("/channels/slack/events").then().statusCode(404);
        given().contentType("application/x-www-form-urlencoded").body("payload=%7B%7D")
                .post("/channels/slack/interactions").then().statusCode(404);
    }
}
