package org.symptomchecker.triage;

import static org.symptomchecker.TestClient.chat;

import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.symptomchecker.chat.ConversationStore;
import org.symptomchecker.answer.ExtractiveAnswerer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;

/** With the conversation store and retrieval both failing, red flags are still routed. */
@QuarkusTest
class TriageResilienceTest {

    @InjectMock
    ConversationStore conversations;
    @InjectMock
    ExtractiveAnswerer answerer;
    @Inject
    CircuitBreakerMaintenance circuits;

    @BeforeEach
    void breakTheDatabaseAndRetrieval() {
        Mockito.when(conversations.context(any(), Mockito.anyInt())).thenThrow(new IllegalStateException("database down"));
        Mockito.when(conversations.allTurns(any())).thenThrow(new IllegalStateException("database down"));
        Mockito.doThrow(new IllegalStateException("database down")).when(conversations).record(any(), any());
        Mockito.when(answerer.answer(any(), any(), any())).thenThrow(new IllegalStateException("index down"));
    }

    @AfterEach
    void closeTheCircuits() {
        circuits.resetAll(); // the failures opened the store's and retrieval's circuit breakers: other tests start closed
    }

    @Test
    void emergencyIsRoutedWhenTheDatabaseAndRetrievalFail() {
        JsonPath r = chat("{\"message\":\"my wife collapsed and I can't wake her\"}");
        assertThat(r.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(r.getString("reply")).startsWith("Call 911");
        assertThat(r.getString("conversationId")).isNotBlank();
    }

    @Test
    void historyCarriedByTheRequestIsTriagedWhenTheStoreIsDown() {
        JsonPath r = chat("{\"message\":\"and now I can't feel my bum\",\"history\":[{\"role\":\"user\",\"text\":\"my back hurts\"},"
                + "{\"role\":\"assistant\",\"text\":\"I see.\"}]}");
        assertThat(r.getString("triage.level")).isEqualTo("EMERGENCY");
    }

    @Test
    void withoutAFlagTheReplySaysItHasNoVettedInformation() {
        JsonPath r = chat("{\"message\":\"does a tens machine help back pain?\"}");
        assertThat(r.getList("citations")).isEmpty();
        assertThat(r.getString("reply")).contains("don't have vetted information");
    }
}
