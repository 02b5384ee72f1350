package org.symptomchecker.channels.slack;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What SlackSender posts to chat.postMessage, exactly, as a local server receives it. */
class SlackSenderTest {

    private FakePlatform slack;
    private SlackSender sender;

    @BeforeEach
    void start() throws Exception {
        slack = new FakePlatform("{\"ok\":true,\"channel\":\"C0123\",\"ts\":\"1733480000.000300\"}");
        String base = slack.baseUrl() + "/api";
        sender = new SlackSender(new SlackConfig() {
            public Optional<String> signingSecret() { return Optional.of("s"); }
            public Optional<String> botToken() { return Optional.of("xoxb-test-token"); }
            public String apiBaseUrl() { return base; }
        }, new ObjectMapper());
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    static ChatReply reply(TriageLevel level, String text, List<ChatReply.FollowUp> followUps) {
        return new ChatReply("conv-1", text, new Triage(level, List.of(), "v1"),
                List.of(new ChatReply.Citation("d1", "p1", "Dizziness <and> vertigo", "https://medlineplus.gov/dizziness.html", "...")),
                followUps, null, null);
    }

    private static List<String> types(JsonNode blocks) {
        List<String> out = new ArrayList<>();
        blocks.forEach(b -> out.add(b.path("type").asText()));
        return out;
    }

    @Test
    void theReplyIsBlockKitWithTextSourcesAndFollowUpButtons() {
        sender.send("slack", "C0123", reply(TriageLevel.SELF_CARE, "Sit down & drink water <now>.",
                List.of(new ChatReply.FollowUp("Did you faint?", List.of("Yes", "No")))));
        assertThat(slack.requests()).hasSize(1);
        FakePlatform.Request r = slack.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/chat.postMessage");
        assertThat(r.authorization()).isEqualTo("Bearer xoxb-test-token");
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode body = r.body();
        assertThat(body.path("channel").asText()).isEqualTo("C0123");
        assertThat(body.path("text").asText()).startsWith("Sit down &amp; drink water &lt;now&gt;.");
        JsonNode blocks = body.path("blocks");
        assertThat(types(blocks)).containsExactly("section", "context", "section", "actions");
        assertThat(blocks.get(0).path("text").path("type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("Sit down & drink water <now>.");
        assertThat(blocks.get(1).path("elements").get(0).path("text").asText())
                .isEqualTo("Source: <https://medlineplus.gov/dizziness.html|Dizziness &lt;and&gt; vertigo>");
        assertThat(blocks.get(2).path("text").path("text").asText()).isEqualTo("Did you faint?");
        JsonNode buttons = blocks.get(3).path("elements");
        assertThat(buttons).hasSize(2);
        assertThat(buttons.findValuesAsText("value")).containsExactly("Yes", "No");
        buttons.forEach(b -> {
            assertThat(b.path("type").asText()).isEqualTo("button");
            assertThat(b.path("text").path("type").asText()).isEqualTo("plain_text");
        });
        assertThat(buttons.findValuesAsText("action_id")).doesNotHaveDuplicates();
    }

    @Test
    void anEmergencyReplyIsSentWithItsFullTextFirst() {
        String text = "Call 911 now. Sudden weakness on one side can be a stroke. " + "Note the time it started. ".repeat(200);
        sender.send("slack", "C0123", reply(TriageLevel.EMERGENCY, text, List.of()));
        JsonNode blocks = slack.requests().get(0).body().path("blocks");
        assertThat(blocks.get(0).path("text").path("text").asText()).startsWith("Call 911 now. Sudden weakness on one side can be a stroke.");
        StringBuilder sections = new StringBuilder();
        blocks.forEach(b -> {
            if (b.path("type").asText().equals("section")) {
                assertThat(b.path("text").path("text").asText()).hasSizeLessThanOrEqualTo(3000);
                sections.append(b.path("text").path("text").asText()).append(' ');
            }
        });
        assertThat(sections.toString().replaceAll("\\s+", " ")).contains(text.strip().replaceAll("\\s+", " "));
    }

    @Test
    void rateLimitsAreRetryableWithRetryAfter() {
        slack.answer(429, "{\"ok\":false,\"error\":\"ratelimited\"}", "12");
        SendFailure limited = catchThrowableOfType(SendFailure.class,
                () -> sender.send("slack", "C0123", reply(TriageLevel.NONE, "Hi", List.of())));
        assertThat(limited.retryable()).isTrue();
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        slack.answer(200, "{\"ok\":false,\"error\":\"ratelimited\"}", "7");
        SendFailure limitedInBody = catchThrowableOfType(SendFailure.class,
                () -> sender.send("slack", "C0123", reply(TriageLevel.NONE, "Hi", List.of())));
        assertThat(limitedInBody.retryable()).isTrue();
        assertThat(limitedInBody.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void okFalseAndClientErrorsArePermanent() {
        slack.answer(200, "{\"ok\":false,\"error\":\"channel_not_found\"}", null);
        SendFailure notFound = catchThrowableOfType(SendFailure.class,
                () -> sender.send("slack", "C0123", reply(TriageLevel.NONE, "Hi", List.of())));
        assertThat(notFound.retryable()).isFalse();
        assertThat(notFound.getMessage()).contains("channel_not_found");
        slack.answer(400, "{}", null);
        SendFailure bad = catchThrowableOfType(SendFailure.class,
                () -> sender.send("slack", "C0123", reply(TriageLevel.NONE, "Hi", List.of())));
        assertThat(bad.retryable()).isFalse();
    }
}
