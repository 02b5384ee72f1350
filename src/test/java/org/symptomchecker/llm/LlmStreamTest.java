package org.symptomchecker.llm;

import org.symptomchecker.privacy.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symptomchecker.channels.PlatformApiStub;
import org.symptomchecker.chat.ChatStream;
import org.symptomchecker.corpus.Sentences;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.symptomchecker.TestClient.json;

/**
 * The chat stream with a language model (a local WireMock speaking OpenAI's chat completions): the model's grounded
 * sentences are streamed in order, then the reply that names the model; an ungrounded model reply never reaches the
 * stream, whose sentences are then the extractive answer's.
 */
@QuarkusTest
@TestProfile(LlmProfile.class)
class LlmStreamTest {

    private static final String QUESTION = "does a tens machine help with back pain?";

    @PlatformApiStub.Server
    WireMockServer model;

    @BeforeEach
    void reset() {
        model.resetAll();
        // another class on this profile may have left the model's circuit open (its delay is long in LlmProfile)
        io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.get().reset(ModelCalls.CIRCUIT);
    }

    /** The stub model answers every call with this text. */
    private void modelAlwaysSays(String text) {
        model.stubFor(post(urlPathEqualTo(OpenAiStub.PATH)).willReturn(okJson(OpenAiStub.completion(text))));
    }

    /** Sentences of at least six words of the passage the model is given as [1] (the best hit of the search). */
    private static List<String> sentencesOfPassageOne() {
        Map<String, Object> first = given().queryParam("q", Redactor.redact(QUESTION)).queryParam("limit", 3)
                .get("/api/v1/search").then().statusCode(200).extract().jsonPath().getMap("results[0]");
        return Sentences.split(first.get("text").toString()).stream().map(s -> s.text().strip())
                .filter(s -> s.split("\\s+").length >= 6).toList();
    }

    private static ChatStream ask() {
        ChatStream stream = ChatStream.post(json(Map.of("message", QUESTION)));
        assertThat(stream.status()).as(stream.body()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        assertThat(stream.joinedSentences()).isEqualTo(stream.reply().get("reply").asText());
        List<String> names = stream.events().stream().map(ChatStream.Event::name).toList();
        assertThat(names.subList(0, names.size() - 1)).containsOnly("sentence");
        return stream;
    }

    @Test
    void theModelsGroundedSentencesAreStreamedInOrderThenTheReplyThatNamesTheModel() {
        List<String> passage = sentencesOfPassageOne();
        assertThat(passage).hasSizeGreaterThanOrEqualTo(2);
        String first = passage.get(0).replaceAll("[.!?]$", "") + " [1].";
        String second = passage.get(1).replaceAll("[.!?]$", "") + " [1].";
        modelAlwaysSays(first + " " + second);

        ChatStream stream = ask();

        JsonNode reply = stream.reply();
        assertThat(reply.get("answeredBy").get("model").asText()).isEqualTo("openai/test-model");
        assertThat(reply.get("citations").size()).isPositive();
        List<String> sent = stream.named("sentence").stream().map(s -> s.get("text").asText().strip()).toList();
        assertThat(sent).containsSubsequence(first, second);
        assertThat(sent.indexOf(second)).as("in the model's order, one after the other").isEqualTo(sent.indexOf(first) + 1);
        assertThat(model.findAll(postRequestedFor(urlPathEqualTo(OpenAiStub.PATH)))).hasSize(1);
    }

    @Test
    void anUngroundedModelReplyIsNeverStreamedOnlyTheExtractiveAnswer() {
        modelAlwaysSays("Eating dark chocolate every morning cures back pain for good [1].");

        ChatStream stream = ask();

        assertThat(model.findAll(postRequestedFor(urlPathEqualTo(OpenAiStub.PATH)))).as("asked, then reprompted once").hasSize(2);
        assertThat(stream.body()).doesNotContainIgnoringCase("chocolate");
        JsonNode reply = stream.reply();
        assertThat(reply.get("answeredBy").isNull()).isTrue();
        String snippet = reply.get("citations").get(0).get("snippet").asText();
        assertThat(stream.named("sentence")).as("the extractive answer's sentences")
                .anySatisfy(s -> assertThat(s.get("text").asText()).contains("[1]"));
        assertThat(stream.joinedSentences()).contains(snippet + " [1]");
    }
}
