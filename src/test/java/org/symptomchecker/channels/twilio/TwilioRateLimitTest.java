package org.symptomchecker.channels.twilio;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.symptomchecker.channels.SenderKeys;
import org.symptomchecker.chat.ConversationStore;
import org.symptomchecker.limits.RateLimitProfile;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SMS sender over the channel's limit: the webhook still answers 200 (a platform retries anything else), the first
 * message over it gets one short "wait" text, later ones nothing, and none of them is stored; an emergency is answered.
 */
@QuarkusTest
@TestProfile(RateLimitProfile.class)
class TwilioRateLimitTest {

    private static final String EMPTY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    @Inject
    DataSource dataSource;
    @Inject
    SenderKeys senderKeys;
    @Inject
    ConversationStore conversations;

    private static Response sms(String from, String body) throws Exception {
        Map<String, String> params = TwilioWebhookTest.params(from, body);
        Response r = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", TwilioWebhookTest.signature(RateLimitProfile.TWILIO_TOKEN, RateLimitProfile.TWILIO_URL, params))
                .body(TwilioWebhookTest.form(params)).post("/channels/twilio");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r;
    }

    private String conversationOf(String from) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select conversation_id from channel_sender where sender_key = ?")) {
            s.setString(1, senderKeys.of(TwilioResource.SMS, from));
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    @Test
    void overTheSmsLimitTheWebhookIsAcknowledgedAndAnEmergencyIsStillAnswered() throws Exception {
        String from = "+1555" + String.format("%07d", (long) (Math.random() * 10_000_000));
        for (int i = 0; i < RateLimitProfile.SMS; i++) {
            assertThat(sms(from, "what helps a sore throat").asString()).doesNotContain("faster than I can answer");
        }
        String id = conversationOf(from);
        int stored = conversations.history(id).size();
        assertThat(stored).isEqualTo(2 * RateLimitProfile.SMS);

        String first = sms(from, "what is tens").asString();
        assertThat(first).contains("faster than I can answer").contains("911");
        assertThat(sms(from, "what is tens, again").asString()).as("one notice, then silence").isEqualTo(EMPTY);
        assertThat(conversations.history(id)).as("over-limit messages are not stored").hasSize(stored);

        String emergency = sms(from, "crushing chest pain spreading to my left arm").asString();
        assertThat(emergency).contains("911").doesNotContain("faster than I can answer");
        assertThat(conversationOf(from)).isEqualTo(id);
    }
}
