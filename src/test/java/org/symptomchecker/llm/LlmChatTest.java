package org.symptomchecker.llm;

import org.symptomchecker.privacy.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symptomchecker.channels.PlatformApiStub;
import org.symptomchecker.corpus.Sentences;
import org.symptomchecker.triage.SafetyCounters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.symptomchecker.TestClient.chat;

/**
 * The chat with a language model over real HTTP, the model a local WireMock speaking OpenAI's chat completions:
 * what is sent (system prompt, numbered passages, the redacted question), a grounded reply shown with its prompt
 * hash, an ungrounded one reprompted once then replaced by the extractive answer, a dosing one refused, no call for
 * an emergency, a slow or failing model replaced by the extractive answer.
 */
@QuarkusTest
@TestProfile(LlmProfile.class)
class LlmChatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names, a phone number and an e-mail address, with a question the corpus answers (and no words of an own report). */
    private static final String MESSAGE = "This is John Smith (07700 900123, john.smith@example.org): does a tens machine help with back pain?";
    private static final String QUESTION = Redactor.redact(MESSAGE);

    @PlatformApiStub.Server
    WireMockServer model;

    @Inject
    SafetyCounters counters;

    @BeforeEach
    void reset() {
        model.resetAll();
        CircuitBreakerMaintenance.get().reset(ModelCalls.CIRCUIT); // each test starts with the circuit closed and no history
    }

    private void modelSays(String... replies) {
        for (int i = 0; i < replies.length; i++) {
            String state = i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "reply" + i;
            var stub = post(urlPathEqualTo(OpenAiStub.PATH)).inScenario("replies").whenScenarioStateIs(state)
                    .willReturn(okJson(OpenAiStub.completion(replies[i])));
            if (i + 1 < replies.length) {
                stub = stub.willSetStateTo("reply" + (i + 1));
            }
            model.stubFor(stub);
        }
    }

    private List<LoggedRequest> requests() {
        return model.findAll(postRequestedFor(urlPathEqualTo(OpenAiStub.PATH)));
    }

    /** The passages the service gives the model for the question: the hybrid search of the redacted question. */
    private static List<Map<String, Object>> passages() {
        return given().queryParam("q", QUESTION).queryParam("limit", 3).get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getList("results");
    }

    private static String lastUserMessage(LoggedRequest request) throws Exception {
        JsonNode messages = JSON.readTree(request.getBodyAsString()).get("messages");
        return messages.get(messages.size() - 1).get("content").asText();
    }

    private static String firstSentence(String passage) {
        return Sentences.split(passage).stream().map(s -> s.text().strip()).filter(s -> s.split("\\s+").length >= 6)
                .findFirst().orElseThrow();
    }

    private static String prompt(String name) throws Exception {
        return Files.readString(Path.of("prompts", "llm", name), StandardCharsets.UTF_8).strip();
    }

    @Test
    void aGroundedReplyIsShownWithThePromptHashAndOnlyTheRedactedQuestionWasSent() throws Exception {
        Map<String, Object> first = passages().get(0);
        String sentence = firstSentence(first.get("text").toString()).replaceAll("[.!?]$", "");
        modelSays(sentence + " [1].");
        long answered = counters.get("llm.answered");

        JsonPath reply = chat(JSON.writeValueAsString(Map.of("message", MESSAGE)));

        assertThat(reply.getString("reply")).contains(sentence + " [1].");
        assertThat(reply.getString("citations[0].passageId")).isEqualTo(first.get("passageId"));
        assertThat(reply.getString("answeredBy.model")).isEqualTo("openai/test-model");
        assertThat(reply.getString("answerMode")).isEqualTo("llm");
        String hash = LlmPrompts.hash(prompt("system.txt") + "\u0000" + prompt("answer.txt") + "\u0000" + prompt("reprompt.txt"));
        assertThat(reply.getString("answeredBy.promptHash")).isEqualTo(hash).hasSize(12);
        assertThat(counters.get("llm.answered")).isEqualTo(answered + 1);

        List<LoggedRequest> sent = requests();
        assertThat(sent).hasSize(1);
        String body = sent.get(0).getBodyAsString();
        assertThat(body).doesNotContain("John").doesNotContain("Smith").doesNotContain("07700").doesNotContain("900123")
                .doesNotContain("john.smith@example.org").doesNotContain("example.org");
        JsonNode messages = JSON.readTree(body).get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).get("content").asText()).isEqualTo(prompt("system.txt"));
        assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
        String user = messages.get(1).get("content").asText();
        assertThat(QUESTION).contains("[name]").contains("[phone]").contains("[email]");
        assertThat(user).contains("Question: " + QUESTION)
                .contains("[1] " + first.get("title") + "\n" + first.get("text").toString().strip());
        StringBuilder numbered = new StringBuilder();
        List<Map<String, Object>> all = passages();
        for (int i = 0; i < all.size(); i++) {
            numbered.append('[').append(i + 1).append("] ").append(all.get(i).get("title")).append('\n')
                    .append(all.get(i).get("text").toString().strip()).append("\n\n");
        }
        assertThat(user).isEqualTo(prompt("answer.txt").replace("{{question}}", QUESTION)
                .replace("{{passages}}", numbered.toString().strip()));
    }

    @Test
    void anUngroundedReplyIsRepromptedOnceThenTheExtractiveAnswerIsShown() throws Exception {
        String sentence = firstSentence(passages().get(0).get("text").toString());
        modelSays("Eating dark chocolate every morning cures back pain for good.",
                "Dark chocolate is the best cure for every kind of back pain [1].");
        long fallbacks = counters.get("llm.fallback");

        JsonPath reply = chat(JSON.writeValueAsString(Map.of("message", MESSAGE)));

        List<LoggedRequest> sent = requests();
        assertThat(sent).hasSize(2);
        JsonNode second = JSON.readTree(sent.get(1).getBodyAsString()).get("messages");
        assertThat(second.get(second.size() - 1).get("role").asText()).isEqualTo("user");
        assertThat(second.get(second.size() - 1).get("content").asText()).contains("cites no passage");
        assertThat(second.get(second.size() - 2).get("role").asText()).isEqualTo("assistant");

        String text = reply.getString("reply");
        assertThat(text).doesNotContainIgnoringCase("chocolate");
        assertThat(reply.getList("citations")).isNotEmpty();
        assertThat(reply.getString("answeredBy")).isNull();
        assertThat(text).contains(reply.getString("citations[0].snippet") + " [1]"); // the extractive answer, quoted
        assertThat(counters.get("llm.fallback")).isEqualTo(fallbacks + 1);
        assertThat(sentence).isNotBlank();
    }

    @Test
    void aDosingSentenceIsRefusedAndTheExtractiveAnswerIsShown() throws Exception {
        String sentence = firstSentence(passages().get(0).get("text").toString());
        String dosing = "Take 400 mg ibuprofen three times a day for back pain [1].";
        modelSays(sentence + " [1] " + dosing, sentence + " [1] " + dosing);

        JsonPath reply = chat(JSON.writeValueAsString(Map.of("message", MESSAGE)));

        assertThat(requests()).hasSize(2);
        assertThat(reply.getString("reply")).doesNotContain("400 mg").doesNotContain("ibuprofen");
        assertThat(reply.getString("answeredBy")).isNull();
        assertThat(reply.getList("citations")).isNotEmpty();
    }

    @Test
    void anEmergencyNeverReachesTheModel() {
        modelSays("This should never be asked [1].");

        JsonPath reply = chat("{\"message\":\"my dad has crushing chest pain going down his left arm\"}");

        assertThat(reply.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(reply.getString("answeredBy")).isNull();
        assertThat(reply.getString("reply")).doesNotContain("should never");
        assertThat(requests()).isEmpty();
    }

    @Test
    void aModelThatFailsGivesTheExtractiveAnswer() throws Exception {
        model.stubFor(post(urlPathEqualTo(OpenAiStub.PATH)).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"down\"}")));
        long errors = counters.get("llm.fallback");

        JsonPath reply = chat(JSON.writeValueAsString(Map.of("message", MESSAGE)));

        assertThat(requests()).isNotEmpty();
        assertThat(reply.getString("answeredBy")).isNull();
        assertThat(reply.getString("reply")).contains(reply.getString("citations[0].snippet") + " [1]");
        assertThat(counters.get("llm.fallback")).isEqualTo(errors + 1);
    }

    /** The model answers with a grounded sentence, but only 2 s after the turn's deadline. */
    private void modelAnswersAfterItsDeadline() {
        String sentence = firstSentence(passages().get(0).get("text").toString());
        model.stubFor(post(urlPathEqualTo(OpenAiStub.PATH))
                .willReturn(okJson(OpenAiStub.completion(sentence + " [1]")).withFixedDelay((int) LlmProfile.TIMEOUT_MS + 2000)));
    }

    @Test
    void aSlowModelGivesTheExtractiveAnswer() throws Exception {
        modelAnswersAfterItsDeadline();
        long timeouts = counters.get("llm.fallback.timeout");

        JsonPath reply = chat(JSON.writeValueAsString(Map.of("message", MESSAGE)));

        assertThat(reply.getString("answeredBy")).isNull();
        assertThat(reply.getString("answerMode")).isEqualTo("extractive");
        assertThat(reply.getString("reply")).contains(reply.getString("citations[0].snippet") + " [1]");
        assertThat(counters.get("llm.fallback.timeout")).isEqualTo(timeouts + 1);
        // the reply did not wait, but the call goes on until its HTTP deadline (and the client's retry): let it end,
        // so that no late request of this test reaches the next test's stub
        int seen = -1;
        for (int i = 0; i < 40 && seen != requests().size(); i++) {
            seen = requests().size();
            Thread.sleep(LlmProfile.TIMEOUT_MS / 2 + 500);
        }
    }

    @Test
    void slowCallsOverlappingOtherTurnsEndAsTimeoutsNotErrors() throws Exception {
        // several turns at once while the model is slow: each turn stops waiting at its deadline and its request ends
        // while the others' calls still run; no call may then fail for want of its turn's request
        modelAnswersAfterItsDeadline();
        long errors = counters.get("llm.fallback.error");
        double callErrors = callFailures("error");
        double failedBefore = allCallFailures();
        java.util.concurrent.ExecutorService turns = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            List<java.util.concurrent.Future<JsonPath>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) { // more than the calls' bulkhead (8): some calls start after their turn ended
                replies.add(turns.submit(() -> chat(JSON.writeValueAsString(Map.of("message", MESSAGE)))));
                Thread.sleep(100);
            }
            for (var reply : replies) {
                assertThat(reply.get(60, java.util.concurrent.TimeUnit.SECONDS).getString("answerMode")).isEqualTo("extractive");
            }
        } finally {
            turns.shutdown();
        }
        // every call fails here (slow, then the circuit open): wait until all 12 have ended, so that no late request
        // of this test reaches the next test's stub
        for (long end = System.nanoTime() + 90_000_000_000L; allCallFailures() - failedBefore < 12 && System.nanoTime() < end; ) {
            Thread.sleep(200);
        }
        assertThat(allCallFailures() - failedBefore).as("model calls ended").isEqualTo(12);
        assertThat(counters.get("llm.fallback.error")).as("turns whose model call failed with an error").isEqualTo(errors);
        assertThat(callFailures("error")).as("model calls that failed with an error, their turns gone or not").isEqualTo(callErrors);
        assertThat(callFailures("timeout")).isPositive();
    }

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private double allCallFailures() {
        return registry.find(org.symptomchecker.metrics.TurnMetrics.MODEL_CALL_FAILURES).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private double callFailures(String reason) {
        var counter = registry.find(org.symptomchecker.metrics.TurnMetrics.MODEL_CALL_FAILURES).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSentenceWithoutACitationIsRefusedAndTheExtractiveAnswerIsShown() throws Exception {
        String sentence = firstSentence(passages().get(0).get("text").toString()).replaceAll("[.!?]$", "");
        modelSays(sentence + ".", sentence + "."); // true to the passage, but it cites none: twice

        JsonPath reply = chat(JSON.writeValueAsString(Map.of("message", MESSAGE)));

        assertThat(requests()).hasSize(2);
        assertThat(lastUserMessage(requests().get(1))).contains("cites no passage");
        assertThat(reply.getString("answeredBy")).isNull();
        assertThat(reply.getString("answerMode")).isEqualTo("extractive");
        assertThat(reply.getString("reply")).contains(reply.getString("citations[0].snippet") + " [1]");
    }

    @Test
    void aReplyThatEchoesTheSystemPromptIsRefused() throws Exception {
        String sentence = firstSentence(passages().get(0).get("text").toString()).replaceAll("[.!?]$", "");
        List<String> words = List.of(prompt("system.txt").split("\\s+"));
        String echo = String.join(" ", words.subList(0, 10)).replaceAll("[.!?]$", ""); // within its first sentence
        modelSays(sentence + " [1]. " + echo + " [1].", sentence + " [1]. " + echo + " [1].");

        JsonPath reply = chat(JSON.writeValueAsString(Map.of("message", MESSAGE)));

        assertThat(requests()).hasSize(2);
        assertThat(lastUserMessage(requests().get(1))).contains("repeats the instructions");
        assertThat(reply.getString("answeredBy")).isNull();
        assertThat(reply.getString("reply")).doesNotContain(echo);
    }

    @Test
    void anUrgentTurnNeverReachesTheModel() {
        modelSays("This should never be asked [1].");

        JsonPath reply = chat("{\"message\":\"Had a discectomy three weeks ago. The back pain is coming back but it's different, a deep ache.\"}");

        assertThat(reply.getString("triage.level")).isEqualTo("URGENT");
        assertThat(reply.getString("answeredBy")).isNull();
        assertThat(reply.getString("answerMode")).isEqualTo("extractive");
        assertThat(requests()).isEmpty();
    }

    @Test
    void interviewQuestionsNeverReachTheModelAndItsDispositionMayBePhrased() throws Exception {
        JsonPath asked = chat("{\"message\":\"my lower back hurts\"}");
        assertThat(asked.getString("interview.flow")).isEqualTo("low-back-pain");
        assertThat(asked.getBoolean("interview.done")).isFalse();
        assertThat(requests()).isEmpty(); // a question of the interview is never phrased by the model

        // the skip answers their question (what they said first, and now): the model gets that, and the same passages
        String question = "my lower back hurts just tell me some stretches";
        List<Map<String, Object>> found = given().queryParam("q", question).queryParam("limit", 3).get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getList("results");
        String sentence = firstSentence(found.get(0).get("text").toString()).replaceAll("[.!?]$", "");
        modelSays(sentence + " [1].");

        JsonPath done = chat(JSON.writeValueAsString(Map.of("conversationId", asked.getString("conversationId"),
                "message", "just tell me some stretches")));

        assertThat(done.getBoolean("interview.done")).isTrue();
        assertThat(done.getString("triage.level")).isEqualTo("SELF_CARE");
        assertThat(done.getString("answerMode")).isEqualTo("llm");
        assertThat(done.getString("answeredBy.model")).isEqualTo("openai/test-model");
        assertThat(done.getString("reply")).contains(sentence + " [1].")
                .containsIgnoringCase("get medical help at once if you notice"); // the fixed warning signs stand
        assertThat(done.getString("disposition.citations[0].passageId")).isEqualTo(found.get(0).get("passageId"));
        assertThat(done.getString("citations[0].passageId")).isEqualTo(found.get(0).get("passageId"));
        String sent = JSON.readTree(requests().get(0).getBodyAsString()).get("messages").get(1).get("content").asText();
        assertThat(sent).contains("Question: " + question);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndClosesAgain() throws Exception {
        model.stubFor(post(urlPathEqualTo(OpenAiStub.PATH)).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"down\"}")));
        for (int i = 0; i < LlmProfile.CIRCUIT_VOLUME; i++) {
            JsonPath reply = chat(JSON.writeValueAsString(Map.of("message", MESSAGE)));
            assertThat(reply.getString("answerMode")).isEqualTo("extractive");
        }
        assertThat(CircuitBreakerMaintenance.get().currentState(ModelCalls.CIRCUIT)).isEqualTo(CircuitBreakerState.OPEN);
        // a call that passed its deadline may still be retried by the client afterwards (a busy machine): count the
        // model's requests once they have settled (none for 2 s, at most 5 s)
        int calls = requests().size();
        for (long end = System.nanoTime() + 5_000_000_000L, quietSince = System.nanoTime(); System.nanoTime() < end
                && System.nanoTime() - quietSince < 2_000_000_000L; ) {
            Thread.sleep(200);
            int now = requests().size();
            if (now != calls) {
                calls = now;
                quietSince = System.nanoTime();
            }
        }
        long open = counters.get("llm.fallback.circuit-open");

        JsonPath whileOpen = chat(JSON.writeValueAsString(Map.of("message", MESSAGE)));

        assertThat(whileOpen.getString("answerMode")).isEqualTo("extractive");
        assertThat(whileOpen.getString("reply")).contains(whileOpen.getString("citations[0].snippet") + " [1]");
        assertThat(requests()).hasSize(calls); // the model was not called
        assertThat(counters.get("llm.fallback.circuit-open")).isEqualTo(open + 1);

        model.resetAll();
        String sentence = firstSentence(passages().get(0).get("text").toString()).replaceAll("[.!?]$", "");
        modelSays(sentence + " [1].");
        Thread.sleep(LlmProfile.CIRCUIT_DELAY_MS + 500); // the circuit lets a trial call through after its delay

        JsonPath again = chat(JSON.writeValueAsString(Map.of("message", MESSAGE)));

        assertThat(again.getString("answerMode")).isEqualTo("llm");
        assertThat(again.getString("reply")).contains(sentence + " [1].");
        assertThat(CircuitBreakerMaintenance.get().currentState(ModelCalls.CIRCUIT)).isEqualTo(CircuitBreakerState.CLOSED);
    }
}
