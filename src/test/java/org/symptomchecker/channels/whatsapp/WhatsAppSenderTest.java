package org.symptomchecker.channels.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.channels.ChannelSender.SendFailure;
import org.symptomchecker.channels.FakePlatform;
import org.symptomchecker.triage.Triage;
import org.symptomchecker.triage.TriageLevel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What WhatsAppSender sends to the Graph API, exactly, as a local server receives it. */
class WhatsAppSenderTest {

    private FakePlatform graph;
    private WhatsAppSender sender;

    @BeforeEach
    void start() throws Exception {
        graph = new FakePlatform("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.OUT\"}]}");
        String base = graph.baseUrl() + "/";
        sender = new WhatsAppSender(new WhatsAppConfig() {
            public Optional<String> verifyToken() { return Optional.empty(); }
            public Optional<String> appSecret() { return Optional.of("s"); }
            public Optional<String> accessToken() { return Optional.of("EAAG-token"); }
            public Optional<String> phoneNumberId() { return Optional.of("106540352242922"); }
            public String graphBaseUrl() { return base; }
            public String graphVersion() { return "21.0"; }
        }, new ObjectMapper());
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    static ChatReply reply(TriageLevel level, String text, List<ChatReply.FollowUp> followUps) {
        return new ChatReply("conv-1", text, new Triage(level, List.of(), "v1"),
                List.of(new ChatReply.Citation("d1", "p1", "Headache", "https://medlineplus.gov/headache.html", "...")),
                followUps, null, null);
    }

    @Test
    void theReplyIsTextWithSourceLinesThenReplyButtons() {
        sender.send("whatsapp", "15551234567", reply(TriageLevel.SELF_CARE, "Rest and drink water.",
                List.of(new ChatReply.FollowUp("Do you have a fever?", List.of("Yes", "No", "Not sure, I have not measured it")))));
        List<FakePlatform.Request> sent = graph.requests();
        assertThat(sent).hasSize(2);
        for (FakePlatform.Request r : sent) {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/v21.0/106540352242922/messages");
            assertThat(r.authorization()).isEqualTo("Bearer EAAG-token");
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.body().path("messaging_product").asText()).isEqualTo("whatsapp");
            assertThat(r.body().path("to").asText()).isEqualTo("15551234567");
        }
        JsonNode text = sent.get(0).body();
        assertThat(text.path("type").asText()).isEqualTo("text");
        assertThat(text.path("text").path("body").asText())
                .isEqualTo("Rest and drink water.\n\nSource: Headache, https://medlineplus.gov/headache.html");
        JsonNode interactive = sent.get(1).body().path("interactive");
        assertThat(sent.get(1).body().path("type").asText()).isEqualTo("interactive");
        assertThat(interactive.path("type").asText()).isEqualTo("button");
        assertThat(interactive.path("body").path("text").asText()).isEqualTo("Do you have a fever?");
        JsonNode buttons = interactive.path("action").path("buttons");
        assertThat(buttons).hasSize(3);
        assertThat(buttons.findValuesAsText("title")).containsExactly("Yes", "No", "Not sure, I have no…");
        assertThat(buttons.findValuesAsText("title")).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(20));
        assertThat(buttons.findValuesAsText("id")).containsExactly("Yes", "No", "Not sure, I have not measured it");
        buttons.forEach(b -> assertThat(b.path("type").asText()).isEqualTo("reply"));
    }

    @Test
    void moreThanThreeOptionsBecomeAListOfAtMostTenRows() {
        List<String> options = List.of("Less than an hour", "A few hours", "Since yesterday", "Two or three days",
                "About a week", "Two weeks", "A month", "Several months", "A year", "Longer", "I do not know");
        sender.send("whatsapp", "15551234567", reply(TriageLevel.ROUTINE, "How long?", List.of(new ChatReply.FollowUp("How long has it lasted?", options))));
        JsonNode interactive = graph.requests().get(1).body().path("interactive");
        assertThat(interactive.path("type").asText()).isEqualTo("list");
        assertThat(interactive.path("action").path("button").asText()).hasSizeLessThanOrEqualTo(20);
        JsonNode rows = interactive.path("action").path("sections").get(0).path("rows");
        assertThat(rows).hasSize(10);
        assertThat(rows.findValuesAsText("title")).startsWith("Less than an hour", "A few hours");
        assertThat(rows.findValuesAsText("title")).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(24));
    }

    @Test
    void anEmergencyReplyIsSentWithItsFullTextFirstAndLongTextIsSplit() {
        String emergency = "Call 911 now. Chest pain with sweating can be a heart attack. Do not drive yourself. ";
        String text = emergency + "More detail. ".repeat(400);
        sender.send("whatsapp", "15551234567", reply(TriageLevel.EMERGENCY, text, List.of()));
        List<FakePlatform.Request> sent = graph.requests();
        assertThat(sent).hasSize(2);
        String first = sent.get(0).body().path("text").path("body").asText();
        assertThat(first).startsWith(emergency.strip()).hasSizeLessThanOrEqualTo(4096);
        String all = first + " " + sent.get(1).body().path("text").path("body").asText();
        assertThat(all.replaceAll("\\s+", " ")).contains(text.strip().replaceAll("\\s+", " "));
        assertThat(sent.get(1).body().path("text").path("body").asText()).hasSizeLessThanOrEqualTo(4096);
    }

    @Test
    void tooManyRequestsAndServerErrorsAreRetryableWithRetryAfter() {
        graph.answer(429, "{\"error\":{\"code\":130429}}", "30");
        SendFailure limited = catchThrowableOfType(SendFailure.class,
                () -> sender.send("whatsapp", "15551234567", reply(TriageLevel.NONE, "Hi", List.of())));
        assertThat(limited.retryable()).isTrue();
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        graph.answer(503, "{}", null);
        SendFailure down = catchThrowableOfType(SendFailure.class,
                () -> sender.send("whatsapp", "15551234567", reply(TriageLevel.NONE, "Hi", List.of())));
        assertThat(down.retryable()).isTrue();
    }

    @Test
    void aClientErrorIsPermanent() {
        graph.answer(400, "{\"error\":{\"message\":\"(#100) Invalid parameter\",\"code\":100}}", null);
        SendFailure refused = catchThrowableOfType(SendFailure.class,
                () -> sender.send("whatsapp", "15551234567", reply(TriageLevel.NONE, "Hi", List.of())));
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.retryAfter()).isNull();
    }

    @Test
    void optionsAlikeAfterCuttingGetNumberedDistinctTitles() {
        sender.send("whatsapp", "15551234567", reply(TriageLevel.ROUTINE, "When did it start?", List.of(new ChatReply.FollowUp(
                "How bad is it?", List.of("Yes, since this morning, mild", "Yes, since this morning, severe")))));
        JsonNode buttons = graph.requests().get(1).body().path("interactive").path("action").path("buttons");
        assertThat(buttons.findValuesAsText("title")).containsExactly("1. Yes, since this…", "2. Yes, since this…");
        assertThat(buttons.findValuesAsText("id")).containsExactly("Yes, since this morning, mild", "Yes, since this morning, severe");
    }
}
