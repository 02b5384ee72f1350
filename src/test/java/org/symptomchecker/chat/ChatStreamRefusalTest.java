package org.symptomchecker.chat;

import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.triage.Triage;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;

/**
 * The stream with the chat service replaced: a turn it refuses (409 conversation busy, 503 stopping) is a problem
 * response, the same as from POST /api/v1/chat, before any event; the reply is computed on a worker thread, never on
 * the event loop; the sentences of a reply with paragraphs and markers after full stops join to it exactly.
 */
@QuarkusTest
class ChatStreamRefusalTest {

    private static final String BODY = "{\"conversationId\":\"abc\",\"message\":\"my back hurts\"}";

    @InjectMock
    ChatService chat;

    @Test
    void aRefusedTurnIsTheSameProblemAsFromTheJsonEndpointAndNoEvent() {
        for (ApiProblem refusal : List.of(new ApiProblem(409, "Conversation busy", "another message was being answered; send yours again"),
                new ApiProblem(503, "Interrupted", "the service is stopping; send the message again"))) {
            Mockito.doThrow(refusal).when(chat).reply(any());
            Response plain = given().contentType("application/json").body(BODY).post("/api/v1/chat");
            ChatStream stream = ChatStream.post(BODY);
            assertThat(plain.statusCode()).isEqualTo(refusal.status());
            assertThat(stream.status()).isEqualTo(refusal.status());
            assertThat(stream.contentType()).startsWith("application/problem+json");
            assertThat(stream.body()).isEqualTo(plain.asString()).doesNotContain("event:");
        }
    }

    @Test
    void theReplyIsComputedOnAWorkerThreadAndItsSentencesJoinToIt() {
        String text = "Here is what our vetted health information says:\n\nRest helps. [1] Heat may ease it [2].\n\nCall 911 if it gets worse.";
        AtomicReference<String> thread = new AtomicReference<>();
        Mockito.when(chat.reply(any())).thenAnswer(call -> {
            thread.set(Thread.currentThread().getName());
            return new ChatReply("abc", text, Triage.none("test"), List.of(), List.of(), null, null);
        });

        ChatStream stream = ChatStream.post(BODY);

        assertThat(thread.get()).as("the thread that computed the reply").startsWith("executor-thread").doesNotContain("eventloop");
        assertThat(stream.named("sentence")).extracting(s -> s.get("text").asText()).containsExactly(
                "Here is what our vetted health information says:\n\n", "Rest helps. [1] ", "Heat may ease it [2].\n\n",
                "Call 911 if it gets worse.");
        assertThat(stream.reply().get("reply").asText()).isEqualTo(text);
        assertThat(stream.reply().get("conversationId").asText()).isEqualTo("abc");
    }
}
