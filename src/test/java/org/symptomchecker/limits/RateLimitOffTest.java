package org.symptomchecker.limits;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** symptom.rate-limit.enabled=false, with the same small limits: nothing is refused. */
@QuarkusTest
@TestProfile(RateLimitProfile.Off.class)
class RateLimitOffTest {

    @Test
    void withLimitsOffNoRequestIsRefused() {
        String address = RateLimitTest.client();
        String id = RateLimitTest.chat(address, null, "what is tens").then().statusCode(200).extract().jsonPath().getString("conversationId");
        int sent = 2 * (RateLimitProfile.PER_ADDRESS + RateLimitProfile.PER_CONVERSATION);
        for (int i = 0; i < sent; i++) {
            Response r = RateLimitTest.chat(address, id, "what helps a sore throat " + i);
            assertThat(r.statusCode()).as("request " + i + ": " + r.asString()).isEqualTo(200);
        }
    }
}
