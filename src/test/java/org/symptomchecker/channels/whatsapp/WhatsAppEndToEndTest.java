package org.symptomchecker.channels.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.symptomchecker.channels.ChannelsProfile;
import org.symptomchecker.channels.EndToEnd;
import org.symptomchecker.channels.PlatformApiStub;

import javax.sql.DataSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WhatsApp Cloud end to end: signed webhook deliveries through real HTTP into the real inbox and outbox, the
 * replies sent to a WireMock Graph API, which shows exactly what the service sent to whom.
 */
@QuarkusTest
@TestProfile(ChannelsProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhatsAppEndToEndTest {

    private static final String CHANNEL = "whatsapp";
    /** Every number and text this class sent, for the last test's look at the log. */
    private static final Set<String> PERSONAL = ConcurrentHashMap.newKeySet();

    @PlatformApiStub.Server
    WireMockServer api;
    @Inject
    DataSource dataSource;

    private static String number() {
        String n = EndToEnd.phoneNumber();
        PERSONAL.add(n);
        return n;
    }

    /** Posts a text message from this number; expects the acknowledgement. */
    private static String say(String from, String text) {
        PERSONAL.add(text);
        String wamid = EndToEnd.uniqueId("wamid.E2E");
        EndToEnd.postWhatsApp(EndToEnd.whatsAppText(wamid, from, text)).statusCode(200);
        return wamid;
    }

    /** Says the text from this number and returns the sends to it once {@code count} have come, and checks no more came. */
    private List<LoggedRequest> ask(String from, String text, int count) {
        say(from, text);
        List<LoggedRequest> sends = EndToEnd.settled("the reply to '" + text + "'", () -> EndToEnd.whatsAppSends(api, from), count);
        assertThat(sends).as("sends to one number").hasSize(count);
        return sends;
    }

    private static String text(LoggedRequest send) {
        JsonNode body = EndToEnd.body(send);
        assertThat(body.path("type").asText()).isEqualTo("text");
        return body.path("text").path("body").asText();
    }

    /** An emergency gets one send: the fixed emergency reply with the region's number, the same as the JSON API's. */
    @Test
    @Order(1)
    void anEmergencyGetsTheRoutedEmergencyReplyInOneSend() {
        String from = number();
        LoggedRequest send = ask(from, EndToEnd.EMERGENCY, 1).get(0);
        assertThat(send.getHeader("Authorization")).isEqualTo("Bearer " + ChannelsProfile.WHATSAPP_ACCESS_TOKEN);
        assertThat(send.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = EndToEnd.body(send);
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("recipient_type").asText()).isEqualTo("individual");
        assertThat(body.path("to").asText()).isEqualTo(from);
        String text = text(send);
        assertThat(text).contains(EndToEnd.emergencyInstruction(ChannelsProfile.DEPLOYMENT_REGION));

        JsonPath chat = EndToEnd.chatApi(CHANNEL, null, EndToEnd.EMERGENCY);
        assertThat(chat.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(chat.getList("citations")).as("an emergency reply cites nothing").isEmpty();
        assertThat(text).isEqualTo(chat.getString("reply").strip());
    }

    /** Meta's redelivery of the same wamid is acknowledged but answered once. */
    @Test
    @Order(2)
    void theSameDeliveryTwiceIsAnsweredOnce() {
        String from = number();
        PERSONAL.add(EndToEnd.EMERGENCY);
        String delivery = EndToEnd.whatsAppText(EndToEnd.uniqueId("wamid.TWICE"), from, EndToEnd.EMERGENCY);
        EndToEnd.postWhatsApp(delivery).statusCode(200);
        EndToEnd.postWhatsApp(delivery).statusCode(200);
        assertThat(EndToEnd.settled("the reply", () -> EndToEnd.whatsAppSends(api, from), 1)).hasSize(1);
    }

    /** A question gets the JSON API's answer to it, its text followed by a source line per citation. */
    @Test
    @Order(3)
    void aQuestionGetsAnAnswerCitingItsSources() {
        String from = number();
        String question = "what helps with shingles pain?";
        String text = text(ask(from, question, 1).get(0));
        JsonPath chat = EndToEnd.chatApi(CHANNEL, null, question);
        assertThat(text).startsWith(chat.getString("reply").strip())
                .endsWith("\n\n" + String.join("\n", EndToEnd.sourceLines(chat)));
    }

    /** An interview's question comes with reply buttons; the tapped button is answered with the next question. */
    @Test
    @Order(4)
    void anInterviewAsksWithReplyButtonsAndATapGetsTheNextQuestion() {
        String from = number();
        String opening = "my hip hurts since yesterday";
        List<LoggedRequest> sends = ask(from, opening, 2);
        JsonNode interactive = EndToEnd.body(sends.get(sends.size() - 1)).path("interactive");
        assertThat(interactive.path("type").asText()).isEqualTo("button");
        JsonNode buttons = interactive.path("action").path("buttons");
        assertThat(buttons.size()).isBetween(2, 3);
        for (JsonNode button : buttons) {
            assertThat(button.path("type").asText()).isEqualTo("reply");
            assertThat(button.path("reply").path("title").asText()).isNotBlank().hasSizeLessThanOrEqualTo(20);
            assertThat(button.path("reply").path("id").asText()).isNotBlank();
        }

        JsonPath first = EndToEnd.chatApi(CHANNEL, null, opening);
        assertThat(interactive.path("body").path("text").asText()).isEqualTo(first.getString("followUps[0].text"));
        JsonNode no = null;
        for (JsonNode button : buttons) {
            if (button.path("reply").path("title").asText().equals("No")) {
                no = button.path("reply");
            }
        }
        assertThat(no).as("a 'No' button").isNotNull();
        String next = EndToEnd.chatApi(CHANNEL, first.getString("conversationId"), "No").getString("followUps[0].text");
        assertThat(next).isNotBlank().isNotEqualTo(first.getString("followUps[0].text"));

        int before = sends.size();
        String tap = EndToEnd.uniqueId("wamid.TAP");
        EndToEnd.postWhatsApp(EndToEnd.whatsAppChoice(tap, from, "button_reply", no.path("id").asText(), no.path("title").asText()))
                .statusCode(200);
        List<LoggedRequest> after = EndToEnd.settled("the next question", () -> EndToEnd.whatsAppSends(api, from), before + 2);
        assertThat(after).hasSize(before + 2);
        assertThat(EndToEnd.body(after.get(after.size() - 1)).path("interactive").path("body").path("text").asText()).isEqualTo(next);
    }

    /** A 429 with Retry-After is sent again after it, and the reply arrives once accepted; the row is SENT. */
    @Test
    @Order(5)
    void aRateLimitedSendIsSentAgainAndArrivesOnce() {
        String from = number();
        EndToEnd.rateLimitOnce(api, PlatformApiStub.whatsAppSendPath(), "to", from, "{\"error\":{\"code\":130429}}",
                okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.ok\"}]}"));
        String wamid = say(from, EndToEnd.EMERGENCY);
        List<LoggedRequest> sends = EndToEnd.settled("the refused send and its retry", () -> EndToEnd.whatsAppSends(api, from), 2);
        assertThat(sends).hasSize(2);
        assertThat(EndToEnd.body(sends.get(1))).isEqualTo(EndToEnd.body(sends.get(0)));
        EndToEnd.awaitStatus(dataSource, CHANNEL, wamid, "SENT");
        assertThat(EndToEnd.outboxRow(dataSource, CHANNEL, wamid).attempts()).isEqualTo(2);
    }

    /**
     * A reply of two messages (the question's text, then its buttons) whose second is refused with 429: the retry
     * sends only the buttons, so the person never reads the text twice; the row keeps that both went out.
     */
    @Test
    @Order(5)
    void aRetryAfterARefusedLaterPartSendsOnlyWhatIsLeft() {
        String from = number();
        String scenario = "buttons refused once for " + from;
        api.stubFor(post(urlPathEqualTo(PlatformApiStub.whatsAppSendPath())).atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", equalTo(from))).withRequestBody(matchingJsonPath("$.type", equalTo("interactive")))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":130429}}"))
                .willSetStateTo("accepting"));
        String wamid = say(from, "my hip hurts since yesterday");
        List<LoggedRequest> sends = EndToEnd.settled("the text, the refused buttons and their retry", () -> EndToEnd.whatsAppSends(api, from), 3);
        assertThat(sends).extracting(r -> EndToEnd.body(r).path("type").asText()).containsExactly("text", "interactive", "interactive");
        EndToEnd.awaitStatus(dataSource, CHANNEL, wamid, "SENT");
        assertThat(EndToEnd.outboxRow(dataSource, CHANNEL, wamid).attempts()).isEqualTo(2);
    }

    /** A 400 is a permanent refusal: one send, and the row is FAILED. */
    @Test
    @Order(6)
    void aRefusedSendIsFailedAtOnce() {
        String from = number();
        EndToEnd.answerFor(api, PlatformApiStub.whatsAppSendPath(), "to", from, aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"(#131030) Recipient phone number not in allowed list\",\"code\":131030}}"));
        String wamid = say(from, EndToEnd.EMERGENCY);
        EndToEnd.awaitStatus(dataSource, CHANNEL, wamid, "FAILED");
        assertThat(EndToEnd.settled("the refused send", () -> EndToEnd.whatsAppSends(api, from), 1)).hasSize(1);
        assertThat(EndToEnd.outboxRow(dataSource, CHANNEL, wamid).attempts()).isEqualTo(1);
    }

    /** None of the numbers or texts above reached the application's log. */
    @Test
    @Order(100)
    void nothingThePeopleSentIsLogged() {
        EndToEnd.assertNotLogged(PERSONAL);
    }
}
