package org.symptomchecker.channels.twilio;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Without its auth token and public URL the Twilio channel is off (the default profile sets neither). */
@QuarkusTest
class TwilioOffTest {

    @Test
    void anUnconfiguredChannelIsNotFound() {
        given().contentType("application/x-www-form-urlencoded").header("X-Twilio-Signature", "x")
                .body("MessageSid=SM1&From=%2B15551234567&Body=hello")
                .post("/channels/twilio")
                .then().statusCode(404).contentType(startsWith("application/problem+json")).body("status", equalTo(404));
    }
}
