package org.symptomchecker.channels.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slack end to end: signed Events API and interactivity requests through real HTTP into the real inbox and
 * outbox, the replies sent to a WireMock Web API (chat.postMessage), which shows exactly what was sent where.
 */
@QuarkusTest
@TestProfile(ChannelsProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlackEndToEndTest {

    private static final String CHANNEL = "slack";
    /** Every user id, channel id and text this class sent, for the last test's look at the log. */
    private static final Set<String> PERSONAL = ConcurrentHashMap.newKeySet();

    @PlatformApiStub.Server
    WireMockServer api;
    @Inject
    DataSource dataSource;

    /** One person in one direct-message channel. */
    private record Person(String user, String channel) {
    }

    private static Person person() {
        Person p = new Person(EndToEnd.slackId('U'), EndToEnd.slackId('D'));
        PERSONAL.add(p.user());
        PERSONAL.add(p.channel());
        return p;
    }

    /** Posts the person's message as a new event; expects the acknowledgement; returns the event id. */
    private static String say(Person p, String text) {
        PERSONAL.add(text);
        String eventId = EndToEnd.uniqueId("Ev");
        EndToEnd.postSlackEvent(EndToEnd.slackMessage(eventId, p.user(), p.channel(), text)).statusCode(200);
        return eventId;
    }

    /** Says the text as this person and returns the posts to their channel once {@code count} have come, and checks no more came. */
    private List<LoggedRequest> ask(Person p, String text, int count) {
        say(p, text);
        List<LoggedRequest> sends = EndToEnd.settled("the reply to '" + text + "'", () -> EndToEnd.slackSends(api, p.channel()), count);
        assertThat(sends).as("posts to one channel").hasSize(count);
        return sends;
    }

    /** The plain-text sections of a chat.postMessage, in order. */
    private static List<String> sections(JsonNode message) {
        List<String> out = new ArrayList<>();
        for (JsonNode block : message.path("blocks")) {
            if (block.path("type").asText().equals("section")) {
                out.add(block.path("text").path("text").asText());
            }
        }
        return out;
    }

    private static JsonNode buttons(JsonNode message) {
        for (JsonNode block : message.path("blocks")) {
            if (block.path("type").asText().equals("actions")) {
                return block.path("elements");
            }
        }
        return null;
    }

    /** An emergency gets one post: the fixed emergency reply with Slack's region's number, the same as the JSON API's. */
    @Test
    @Order(1)
    void anEmergencyGetsTheRoutedEmergencyReplyInOnePost() {
        Person p = person();
        LoggedRequest send = ask(p, EndToEnd.EMERGENCY, 1).get(0);
        assertThat(send.getHeader("Authorization")).isEqualTo("Bearer " + ChannelsProfile.SLACK_BOT_TOKEN);
        assertThat(send.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = EndToEnd.body(send);
        assertThat(body.path("channel").asText()).isEqualTo(p.channel());
        String instruction = EndToEnd.emergencyInstruction(ChannelsProfile.SLACK_REGION);
        assertThat(body.path("text").asText()).contains(instruction);
        assertThat(sections(body)).isNotEmpty();
        assertThat(sections(body).get(0)).contains(instruction);
        assertThat(buttons(body)).as("nothing to choose in an emergency").isNull();

        JsonPath chat = EndToEnd.chatApi(CHANNEL, null, EndToEnd.EMERGENCY);
        assertThat(chat.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(String.join("\n", sections(body))).isEqualTo(chat.getString("reply").strip());
        assertThat(body.path("text").asText()).isEqualTo(chat.getString("reply").strip());
    }

    /** Slack's retry of the same event_id (X-Slack-Retry-Num) is acknowledged but answered once. */
    @Test
    @Order(2)
    void slacksRetryOfAnEventIsAnsweredOnce() {
        Person p = person();
        PERSONAL.add(EndToEnd.EMERGENCY);
        String event = EndToEnd.slackMessage(EndToEnd.uniqueId("EvRetry"), p.user(), p.channel(), EndToEnd.EMERGENCY);
        EndToEnd.postSlackEvent(event).statusCode(200);
        EndToEnd.await("the first reply", () -> !EndToEnd.slackSends(api, p.channel()).isEmpty(), EndToEnd.SEND_WAIT);
        EndToEnd.postSlackEvent(event, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout").statusCode(200);
        assertThat(EndToEnd.settled("the reply", () -> EndToEnd.slackSends(api, p.channel()), 1)).hasSize(1);
    }

    /**
     * A question gets the JSON API's answer to it: the reply in the sections, a source line per cited document in
     * the notification text and in the context blocks Slack shows (a link where the source has a web address; the
     * vetted corpus's documents have none).
     */
    @Test
    @Order(3)
    void aQuestionGetsAnAnswerCitingItsSources() {
        Person p = person();
        String question = "what helps with shingles pain?";
        JsonNode body = EndToEnd.body(ask(p, question, 1).get(0));
        JsonPath chat = EndToEnd.chatApi(CHANNEL, null, question);
        assertThat(String.join("\n", sections(body))).isEqualTo(chat.getString("reply").strip());
        assertThat(body.path("text").asText()).startsWith(chat.getString("reply").strip())
                .endsWith("\n\n" + String.join("\n", EndToEnd.sourceLines(chat)));
        List<String> shown = new java.util.ArrayList<>();
        for (JsonNode block : body.path("blocks")) {
            if (block.path("type").asText().equals("context")) {
                block.path("elements").forEach(e -> shown.add(e.path("text").asText()));
            }
        }
        assertThat(shown).as("the sources Slack shows").isEqualTo(EndToEnd.sourceLines(chat));
    }

    /** An interview's question comes with Block Kit buttons; the clicked button is answered with the next question. */
    @Test
    @Order(4)
    void anInterviewAsksWithButtonsAndAClickGetsTheNextQuestion() {
        Person p = person();
        String opening = "my hip hurts when I walk";
        JsonNode first = EndToEnd.body(ask(p, opening, 1).get(0));
        JsonNode buttons = buttons(first);
        assertThat(buttons).as("buttons").isNotNull();
        assertThat(buttons.size()).isGreaterThanOrEqualTo(2);
        JsonNode no = null;
        for (JsonNode b : buttons) {
            assertThat(b.path("type").asText()).isEqualTo("button");
            assertThat(b.path("action_id").asText()).isNotBlank();
            if (b.path("value").asText().equals("No")) {
                no = b;
            }
        }
        assertThat(no).as("a 'No' button").isNotNull();

        JsonPath chat = EndToEnd.chatApi(CHANNEL, null, opening);
        assertThat(sections(first)).contains(chat.getString("followUps[0].text"));
        String next = EndToEnd.chatApi(CHANNEL, chat.getString("conversationId"), "No").getString("followUps[0].text");
        assertThat(next).isNotBlank().isNotEqualTo(chat.getString("followUps[0].text"));

        EndToEnd.postSlackClick(p.user(), p.channel(), no, System.currentTimeMillis() / 1000 + ".000" + EndToEnd.uniqueId("").substring(0, 3))
                .statusCode(200);
        List<LoggedRequest> after = EndToEnd.settled("the next question", () -> EndToEnd.slackSends(api, p.channel()), 2);
        assertThat(after).hasSize(2);
        assertThat(sections(EndToEnd.body(after.get(1)))).contains(next);
        assertThat(buttons(EndToEnd.body(after.get(1)))).isNotNull();
    }

    /** A 429 with Retry-After is posted again after it, and the reply arrives once accepted; the row is SENT. */
    @Test
    @Order(5)
    void aRateLimitedPostIsSentAgainAndArrivesOnce() {
        Person p = person();
        EndToEnd.rateLimitOnce(api, PlatformApiStub.SLACK_SEND_PATH, "channel", p.channel(), "{\"ok\":false,\"error\":\"ratelimited\"}",
                okJson("{\"ok\":true,\"channel\":\"" + p.channel() + "\",\"ts\":\"1733480000.000200\"}"));
        String eventId = say(p, EndToEnd.EMERGENCY);
        List<LoggedRequest> sends = EndToEnd.settled("the refused post and its retry", () -> EndToEnd.slackSends(api, p.channel()), 2);
        assertThat(sends).hasSize(2);
        assertThat(EndToEnd.body(sends.get(1))).isEqualTo(EndToEnd.body(sends.get(0)));
        EndToEnd.awaitStatus(dataSource, CHANNEL, eventId, "SENT");
        assertThat(EndToEnd.outboxRow(dataSource, CHANNEL, eventId).attempts()).isEqualTo(2);
    }

    /** A 400, and Slack's ok:false answer other than ratelimited, are permanent: one post each, the row FAILED. */
    @Test
    @Order(6)
    void aRefusedPostIsFailedAtOnce() {
        Person status400 = person();
        Person notOk = person();
        EndToEnd.answerFor(api, PlatformApiStub.SLACK_SEND_PATH, "channel", status400.channel(),
                aResponse().withStatus(400).withBody("invalid_form_data"));
        EndToEnd.answerFor(api, PlatformApiStub.SLACK_SEND_PATH, "channel", notOk.channel(),
                okJson("{\"ok\":false,\"error\":\"channel_not_found\"}"));
        for (Person p : List.of(status400, notOk)) {
            String eventId = say(p, EndToEnd.EMERGENCY);
            EndToEnd.awaitStatus(dataSource, CHANNEL, eventId, "FAILED");
            assertThat(EndToEnd.settled("the refused post", () -> EndToEnd.slackSends(api, p.channel()), 1)).hasSize(1);
            assertThat(EndToEnd.outboxRow(dataSource, CHANNEL, eventId).attempts()).isEqualTo(1);
        }
    }

    /** None of the ids or texts above reached the application's log. */
    @Test
    @Order(100)
    void nothingThePeopleSentIsLogged() {
        EndToEnd.assertNotLogged(PERSONAL);
    }
}
