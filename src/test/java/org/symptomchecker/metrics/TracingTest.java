package org.symptomchecker.metrics;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestClient;
import org.symptomchecker.channels.EndToEnd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** With tracing on, a chat turn exports spans named by its stages, and nothing a person wrote. */
@QuarkusTest
@TestProfile(TracingProfile.class)
class TracingTest {

    private static final String QUESTION = "does a tens machine help with back pain?";

    @Test
    void aChatTurnExportsItsStagesAsSpansWithoutTheMessage() throws InterruptedException {
        String id = TestClient.chat(TestClient.json(Map.of("message", QUESTION, "channel", "web"))).getString("conversationId");
        String routed = TestClient.chat(TestClient.json(Map.of("message", EndToEnd.EMERGENCY))).getString("conversationId");
        given().get("/api/v1/search?q=" + "shingles rash blisters").then().statusCode(200);
        given().delete("/api/v1/conversations/" + id).then().statusCode(204);

        Set<String> names = new TreeSet<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 100 && !(names.containsAll(List.of("turn", "triage", "retrieval", "answer", "store"))
                && names.stream().anyMatch(n -> n.startsWith("DELETE"))); i++) {
            Thread.sleep(100);
            bodies.clear();
            names.clear();
            for (LoggedRequest r : OtlpReceiver.server.findAll(postRequestedFor(urlPathMatching(".*/v1/traces")))) {
                bodies.add(r.getBody());
                names.addAll(OtlpSpans.names(r.getBody()));
            }
        }
        assertThat(names).contains("turn", "triage", "retrieval", "answer", "store");
        assertThat(names).anyMatch(n -> n.startsWith("POST") && n.contains("/api/v1/chat"));

        for (byte[] body : bodies) {
            String text = new String(body, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            for (String message : List.of(QUESTION, EndToEnd.EMERGENCY, "shingles rash blisters")) {
                for (String word : message.toLowerCase(Locale.ROOT).split("\\W+")) {
                    if (word.length() >= 6) {
                        assertThat(text).as("a word of a message: " + word).doesNotContain(word);
                    }
                }
            }
            assertThat(text).doesNotContain(id.toLowerCase(Locale.ROOT)).doesNotContain(routed.toLowerCase(Locale.ROOT));
            assertThat(text).as("the client's address and agent").doesNotContain("127.0.0.1").doesNotContain("apache-httpclient");
        }
    }
}
