package org.symptomchecker.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.symptomchecker.TestClient.json;

/**
 * {@code POST /api/v1/chat/stream} over real HTTP: the reply's sentences as 'sentence' events in order, joined they
 * are the reply; then exactly one 'reply' event, last, holding what {@code POST /api/v1/chat} returns; an emergency
 * streams its fixed reply; bad input gets the very problem body the JSON endpoint sends, never a stream.
 */
@QuarkusTest
class ChatStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)\\]");

    private static String body(String conversationId, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        body.put("message", message);
        return json(body);
    }

    /** The reply's JSON as POST /api/v1/chat returns it, in a new conversation, without its conversation id. */
    private static JsonNode plainReply(String message) throws Exception {
        String text = given().contentType("application/json").body(body(null, message)).post("/api/v1/chat")
                .then().statusCode(200).extract().asString();
        return withoutId(JSON.readTree(text));
    }

    private static JsonNode withoutId(JsonNode reply) {
        ObjectNode copy = reply.deepCopy();
        copy.remove("conversationId");
        return copy;
    }

    /** What every stream must hold: sentence events numbered in order, joined the reply's text, one reply event last. */
    private static JsonNode checkedOrder(ChatStream stream) {
        assertThat(stream.status()).as(stream.body()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");
        JsonNode reply = stream.reply();
        List<String> names = stream.events().stream().map(ChatStream.Event::name).toList();
        assertThat(names.subList(0, names.size() - 1)).as("every event before the reply").containsOnly("sentence");
        List<JsonNode> sentences = stream.named("sentence");
        for (int i = 0; i < sentences.size(); i++) {
            JsonNode s = sentences.get(i);
            assertThat(s.get("index").asInt()).isEqualTo(i);
            assertThat(s.get("text").asText()).as("sentence %d", i).isNotBlank();
            assertThat(s.size()).as("a sentence event holds its index and text only").isEqualTo(2);
        }
        assertThat(stream.joinedSentences()).isEqualTo(reply.get("reply").asText());
        return reply;
    }

    @Test
    void anOrdinaryQuestionStreamsItsCitedSentencesInOrderThenTheWholeReply() throws Exception {
        String question = "does a tens machine help back pain?";
        ChatStream stream = ChatStream.post(body(null, question));

        JsonNode reply = checkedOrder(stream);
        List<JsonNode> sentences = stream.named("sentence");
        assertThat(sentences).as("an answer of several sentences is sent sentence by sentence").hasSizeGreaterThan(2);
        assertThat(reply.get("conversationId").asText()).isNotBlank();
        assertThat(reply.get("triage").get("level").asText()).isNotIn("EMERGENCY", "URGENT");
        JsonNode citations = reply.get("citations");
        assertThat(citations.size()).isPositive();
        assertThat(citations.toString()).contains("TENS");
        // each citation marker is whole inside one sentence and names a citation of the reply
        List<Integer> markers = new ArrayList<>();
        for (JsonNode s : sentences) {
            String text = s.get("text").asText();
            assertThat(text).as("no sentence opens with a marker that belongs to the one before").doesNotStartWith("[");
            Matcher m = MARKER.matcher(text);
            while (m.find()) {
                markers.add(Integer.parseInt(m.group(1)));
            }
        }
        assertThat(markers).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(1, citations.size()));
        assertThat(reply.get("reply").asText()).contains("\n").as("paragraphs survive");
        // the reply event is the JSON reply: the same question to POST /api/v1/chat gives the same object
        assertThat(withoutId(reply)).isEqualTo(plainReply(question));
    }

    @Test
    void anEmergencyStreamsTheFixedEmergencyReply() throws Exception {
        String message = "I have crushing chest pain spreading to my left arm and I'm sweating";
        ChatStream stream = ChatStream.post(body(null, message));

        JsonNode reply = checkedOrder(stream);
        assertThat(reply.get("triage").get("level").asText()).isEqualTo("EMERGENCY");
        assertThat(stream.named("sentence").get(0).get("text").asText()).startsWith("Call 911 now");
        assertThat(reply.get("answeredBy").isNull()).isTrue();
        assertThat(withoutId(reply)).isEqualTo(plainReply(message));
    }

    @Test
    void aSecondTurnOnTheStreamContinuesTheSameConversation() {
        JsonNode first = checkedOrder(ChatStream.post(body(null, "my lower back hurts after lifting")));
        String id = first.get("conversationId").asText();
        assertThat(first.get("interview").get("step").asInt()).isEqualTo(1);
        assertThat(first.get("followUps").toString()).contains("\"No\"");

        JsonNode second = checkedOrder(ChatStream.post(body(id, "No")));

        assertThat(second.get("conversationId").asText()).isEqualTo(id);
        assertThat(second.get("interview").get("flow").asText()).isEqualTo(first.get("interview").get("flow").asText());
        assertThat(second.get("interview").get("step").asInt()).isEqualTo(2);
    }

    @Test
    void badInputGetsTheSameProblemAsTheJsonEndpointAndNoStream() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty message", "{\"message\":\"\"}");
        bodies.put("no message", "{}");
        bodies.put("null body", "null");
        bodies.put("malformed JSON", "{\"message\":");
        bodies.put("unknown region", "{\"message\":\"my back hurts\",\"region\":\"XX\"}");
        bodies.put("wrong type", "{\"message\":\"my back hurts\",\"age\":\"40\"}");
        bodies.put("field twice", "{\"message\":\"crushing chest pain\",\"message\":\"hello\"}");
        bodies.put("unknown conversation id form", "{\"message\":\"hi\",\"conversationId\":\"not/an/id\"}");
        bodies.put("message too long", "{\"message\":\"" + "a".repeat(2001) + "\"}");
        bodies.put("body too big", "{\"message\":\"hi\",\"history\":[{\"role\":\"user\",\"text\":\"" + "a".repeat(70_000) + "\"}]}");
        for (Map.Entry<String, String> c : bodies.entrySet()) {
            Response plain = given().contentType("application/json").body(c.getValue()).post("/api/v1/chat");
            ChatStream stream = ChatStream.post(c.getValue());
            assertThat(plain.statusCode()).as(c.getKey()).isBetween(400, 499);
            assertThat(stream.status()).as(c.getKey()).isEqualTo(plain.statusCode());
            assertThat(stream.contentType()).as(c.getKey()).startsWith("application/problem+json");
            assertThat(stream.body()).as(c.getKey()).isEqualTo(plain.asString()).contains("\"status\":" + plain.statusCode())
                    .doesNotContain("event:").doesNotContain("Exception");
        }
        Response plain = given().contentType("text/plain").body("my back hurts").post("/api/v1/chat");
        Response stream = given().contentType("text/plain").accept("text/event-stream").body("my back hurts").post("/api/v1/chat/stream");
        assertThat(stream.statusCode()).isEqualTo(plain.statusCode()).isEqualTo(415);
        assertThat(stream.contentType()).startsWith("application/problem+json");
        assertThat(stream.asString()).isEqualTo(plain.asString());
        // a client that will only take JSON from the stream is told so, as a problem
        Response json = given().contentType("application/json").accept("application/json").body("{\"message\":\"hi\"}")
                .post("/api/v1/chat/stream");
        assertThat(json.statusCode()).isEqualTo(406);
        assertThat(json.contentType()).startsWith("application/problem+json");
        assertThat(json.asString()).contains("Accept").doesNotContain("Exception");
    }
}
