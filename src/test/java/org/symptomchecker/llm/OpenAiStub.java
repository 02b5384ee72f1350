package org.symptomchecker.llm;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server on 127.0.0.1 standing in for an OpenAI-compatible model server (chat completions at
 * {@value #PATH}); each test stubs its answer. The test field of type {@link WireMockServer} annotated
 * {@link org.symptomchecker.channels.PlatformApiStub.Server} gets the running server.
 */
public class OpenAiStub implements QuarkusTestResourceLifecycleManager {

    public static final String PATH = "/v1/chat/completions";
    /** Ollama's chat endpoint, when the stub stands in for Ollama (init argument {@code provider=ollama}). */
    public static final String OLLAMA_PATH = "/api/chat";

    private WireMockServer server;
    private boolean ollama;

    @Override
    public void init(Map<String, String> initArgs) {
        ollama = "ollama".equals(initArgs.get("provider"));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        server.start();
        return ollama ? Map.of("quarkus.langchain4j.ollama." + ChosenModel.OLLAMA + ".base-url", "http://127.0.0.1:" + server.port())
                : Map.of("quarkus.langchain4j.openai.base-url", "http://127.0.0.1:" + server.port() + "/v1/");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(
                org.symptomchecker.channels.PlatformApiStub.Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** An Ollama chat response whose answer is the given text. */
    public static String ollamaChat(String content) {
        return "{\"model\":\"test-model\",\"created_at\":\"2026-12-06T12:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\""
                + json(content) + "\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":10,\"eval_count\":10}";
    }

    /** An OpenAI chat-completions response whose answer is the given text. */
    public static String completion(String content) {
        return "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"created\":1733480000,\"model\":\"test-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + json(content) + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":10,\"total_tokens\":20}}";
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
