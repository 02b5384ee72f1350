package org.symptomchecker.llm;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The chat with a language model: the OpenAI provider, its server a local WireMock ({@link OpenAiStub}). */
public class LlmProfile implements QuarkusTestProfile {

    public static final long TIMEOUT_MS = 3000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("symptom.llm.provider", "openai",
                "quarkus.langchain4j.openai.api-key", "test-key",
                "quarkus.langchain4j.openai.chat-model.model-name", "test-model",
                "symptom.llm.timeout-ms", String.valueOf(TIMEOUT_MS),
                "quarkus.log.category.\"org.symptomchecker.llm\".level", "DEBUG");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenAiStub.class));
    }
}
