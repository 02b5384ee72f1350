package org.symptomchecker.llm;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The chat with a language model: the OpenAI provider, its server a local WireMock ({@link OpenAiStub}). */
public class LlmProfile implements QuarkusTestProfile {

    public static final long TIMEOUT_MS = 3000;
    /** The circuit opens after this many calls in a row have failed, and lets a trial call through after the delay. */
    public static final int CIRCUIT_VOLUME = 4;
    public static final long CIRCUIT_DELAY_MS = 15_000; // long enough that a busy machine still makes its "while open" call inside it

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("symptom.llm.provider", "openai",
                "quarkus.langchain4j.openai.api-key", "test-key",
                "quarkus.langchain4j.openai.chat-model.model-name", "test-model",
                "symptom.llm.timeout", TIMEOUT_MS + "ms",
                "quarkus.log.category.\"org.symptomchecker.llm\".level", "DEBUG",
                "org.symptomchecker.llm.ModelCalls/phrase/CircuitBreaker/requestVolumeThreshold", String.valueOf(CIRCUIT_VOLUME),
                "org.symptomchecker.llm.ModelCalls/phrase/CircuitBreaker/delay", String.valueOf(CIRCUIT_DELAY_MS));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenAiStub.class));
    }
}
