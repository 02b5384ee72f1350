package org.symptomchecker.chat;

import static org.symptomchecker.TestClient.chat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The chat contract: cited answers from the vetted corpus, plain refusals, conversations that carry on. */
@QuarkusTest
class ChatApiTest {

    @Inject
    ConversationStore conversations;
    @Inject
    EntityManager em;

    static String template(String name) throws IOException {
        return Files.readString(Path.of("prompts/reply", name)).strip();
    }

    /** The text of every shipped corpus file, to check that answers quote it word for word. */
    static String corpusText() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("corpus"))) {
            return files.filter(f -> f.toString().endsWith(".md")).map(f -> {
                try {
                    return Files.readString(f).replaceAll("\\s+", " ");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
    }

    @Test
    void answersFromTheVettedCorpusWithACitationForEverySentence() throws IOException {
        JsonPath reply = chat("{\"message\":\"does a tens machine help with back pain?\"}");

        List<Map<String, Object>> citations = reply.getList("citations");
        assertThat(citations).isNotEmpty();
        assertThat(citations.get(0).get("documentId")).isEqualTo("tens");
        String text = reply.getString("reply");
        assertThat(text).startsWith(template("lead-in.txt")).endsWith(template("disclaimer.txt"));
        String corpus = corpusText();
        for (int i = 0; i < citations.size(); i++) {
            String snippet = citations.get(i).get("snippet").toString();
            assertThat(text).contains(snippet + " [" + (i + 1) + "]");
            assertThat(corpus).contains(snippet.replaceAll("\\s+", " ")); // quoted, never reworded
            assertThat(citations.get(i).get("passageId").toString()).startsWith(citations.get(i).get("documentId") + "#");
            assertThat(citations.get(i).get("title")).isNotNull();
        }
    }

    @Test
    void layWordsFindTheClinicalContent() {
        JsonPath reply = chat("{\"message\":\"can pain in the bum shoot down the leg?\"}");
        assertThat(reply.getList("citations.documentId", String.class)).contains("spinal-nerve-compression");
    }

    @Test
    void replyHasTheFullShapeWithNoTriageFindings() {
        JsonPath reply = chat("{\"message\":\"what is shingles\",\"age\":40,\"sex\":\"female\",\"channel\":\"web\"}");
        assertThat(reply.getString("conversationId")).matches("[A-Za-z0-9_-]{22}");
        assertThat(reply.getString("triage.level")).isEqualTo("NONE");
        assertThat(reply.getList("triage.ruleIds")).isEmpty();
        assertThat(reply.getList("followUps")).isEmpty();
        Map<String, Object> body = reply.getMap("");
        assertThat(body).containsKeys("interview", "disposition", "citations", "triage");
        assertThat(body.get("interview")).isNull();
        assertThat(body.get("disposition")).isNull();
    }

    @Test
    void saysPlainlyWhenItHasNoVettedInformationAndCitesNothing() throws IOException {
        for (String off : List.of("how do I change the gearbox oil in my car", "what is the capital of France")) {
            JsonPath reply = chat("{\"message\":\"" + off + "\"}");
            assertThat(reply.getString("reply")).isEqualTo(template("no-answer.txt"));
            assertThat(reply.getList("citations")).isEmpty();
        }
    }

    @Test
    void greetsWithTheTemplate() throws IOException {
        JsonPath reply = chat("{\"message\":\"Hello there!\"}");
        assertThat(reply.getString("reply")).isEqualTo(template("greeting.txt"));
        assertThat(reply.getList("citations")).isEmpty();
    }

    @Test
    void conversationContinuesAcrossRequestsAndKeepsBothSides() throws IOException {
        String id = chat("{\"message\":\"what is shingles\"}").getString("conversationId");
        JsonPath second = chat("{\"conversationId\":\"" + id + "\",\"message\":\"and what about sciatica\"}");

        assertThat(second.getString("conversationId")).isEqualTo(id);
        List<ConversationMessage> turns = conversations.history(id);
        assertThat(turns).extracting(m -> m.role).containsExactly(
                ConversationMessage.Role.USER, ConversationMessage.Role.ASSISTANT,
                ConversationMessage.Role.USER, ConversationMessage.Role.ASSISTANT);
        assertThat(turns.get(2).text).isEqualTo("and what about sciatica");
        assertThat(turns.get(3).text).isEqualTo(second.getString("reply"));
    }

    @Test
    void unknownConversationIdStartsANewConversation() {
        JsonPath reply = chat("{\"conversationId\":\"no-such-conversation\",\"message\":\"what is shingles\"}");
        assertThat(reply.getString("conversationId")).isNotEqualTo("no-such-conversation").isNotBlank();
    }

    @Test
    void expiredConversationStartsANewOneAndIsRemoved() {
        String id = chat("{\"message\":\"what is shingles\"}").getString("conversationId");
        QuarkusTransaction.requiringNew().run(() -> em.createQuery("update Conversation c set c.lastActiveAt = :t where c.id = :id")
                .setParameter("t", Instant.now().minus(31, ChronoUnit.DAYS)).setParameter("id", id).executeUpdate());

        JsonPath reply = chat("{\"conversationId\":\"" + id + "\",\"message\":\"what is sciatica\"}");

        assertThat(reply.getString("conversationId")).isNotEqualTo(id);
        assertThat(conversations.history(id)).isEmpty();
    }
}
