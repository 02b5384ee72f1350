package org.symptomchecker.llm;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.symptomchecker.triage.SafetyCounters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symptomchecker.TestClient.chat;

/** The default, provider none: the extractive answer, no model asked, nothing recorded of one. */
@QuarkusTest
class LlmOffTest {

    @Inject
    LlmAnswerer llm;

    @Inject
    SafetyCounters counters;

    @Test
    void noModelIsAskedAndTheReplySaysSo() {
        assertThat(llm.enabled()).isFalse();
        JsonPath reply = chat("{\"message\":\"does a tens machine help with back pain?\"}");
        assertThat(reply.getList("citations")).isNotEmpty();
        assertThat(reply.getMap("$")).containsKey("answeredBy");
        assertThat(reply.getString("answeredBy")).isNull();
        assertThat(counters.snapshot().keySet()).noneMatch(k -> k.startsWith("llm."));
    }
}
