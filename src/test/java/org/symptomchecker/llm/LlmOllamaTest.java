package org.symptomchecker.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.symptomchecker.channels.PlatformApiStub;
import org.symptomchecker.corpus.Sentences;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.symptomchecker.TestClient.chat;

/** The same build with {@code symptom.llm.provider=ollama}: the Ollama model named "local" answers (a WireMock speaking Ollama's chat API). */
@QuarkusTest
@TestProfile(LlmOllamaTest.OllamaProfile.class)
class LlmOllamaTest {

    public static class OllamaProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("symptom.llm.provider", "ollama",
                    "quarkus.langchain4j.ollama." + ChosenModel.OLLAMA + ".chat-model.model-id", "test-model");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OpenAiStub.class, Map.of("provider", "ollama")));
        }
    }

    @PlatformApiStub.Server
    WireMockServer model;

    @Test
    void theOllamaModelPhrasesTheAnswer() throws Exception {
        String question = "does a tens machine help with back pain?";
        Map<String, Object> first = given().queryParam("q", question).queryParam("limit", 3).get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getMap("results[0]");
        String sentence = Sentences.split(first.get("text").toString()).stream().map(s -> s.text().strip())
                .filter(s -> s.split("\\s+").length >= 6).findFirst().orElseThrow().replaceAll("[.!?]$", "");
        model.stubFor(post(urlPathEqualTo(OpenAiStub.OLLAMA_PATH)).willReturn(okJson(OpenAiStub.ollamaChat(sentence + " [1]."))));

        JsonPath reply = chat(new ObjectMapper().writeValueAsString(Map.of("message", question)));

        assertThat(reply.getString("reply")).contains(sentence + " [1].");
        assertThat(reply.getString("answeredBy.model")).isEqualTo("ollama/test-model");
        assertThat(model.findAll(postRequestedFor(urlPathEqualTo(OpenAiStub.OLLAMA_PATH)))).hasSize(1);
    }
}
