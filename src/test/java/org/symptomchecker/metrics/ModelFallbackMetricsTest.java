package org.symptomchecker.metrics;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestClient;
import org.symptomchecker.channels.PlatformApiStub;
import org.symptomchecker.llm.LlmProfile;
import org.symptomchecker.llm.OpenAiStub;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** A language model that fails: its fallback is counted by reason at /q/metrics, and the turn is still answered. */
@QuarkusTest
@TestProfile(LlmProfile.class)
class ModelFallbackMetricsTest {

    @PlatformApiStub.Server
    WireMockServer model;

    @Test
    void aFailingModelIsCountedAsAFallbackWithItsReason() {
        model.resetAll();
        CircuitBreakerMaintenance.get().reset("language-model");
        model.stubFor(post(urlPathEqualTo(OpenAiStub.PATH)).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"down\"}")));
        Scrape before = Scrape.now();

        TestClient.chat(TestClient.json(Map.of("message", "does a tens machine help with back pain?")));

        Scrape after = Scrape.now();
        // a 500 is an error; on a busy machine the client's retry may run past the deadline first: a timeout
        double errors = after.value("symptom_model_fallbacks_total", "reason", "error")
                - before.value("symptom_model_fallbacks_total", "reason", "error");
        double timeouts = after.value("symptom_model_fallbacks_total", "reason", "timeout")
                - before.value("symptom_model_fallbacks_total", "reason", "timeout");
        assertThat(errors + timeouts).isEqualTo(1);
        assertThat(after.value("symptom_model_fallbacks_total") - before.value("symptom_model_fallbacks_total")).isEqualTo(1);
        assertThat(after.value("symptom_answers_total", "disposition", "answered")
                - before.value("symptom_answers_total", "disposition", "answered")).isEqualTo(1);
    }
}
