package org.symptomchecker.channels.twilio;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.channels.ChannelSender;
import org.symptomchecker.channels.ChannelsProfile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Twilio REST sender against a local stand-in for Twilio's Messages.json. */
@QuarkusTest
@TestProfile(ChannelsProfile.class)
class TwilioSenderTest {

    record Received(String path, String authorization, Map<String, String> form) {
    }

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static HttpServer server;

    @Inject
    TwilioSender sender;

    @BeforeAll
    static void twilio() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", ChannelsProfile.TWILIO_API_PORT), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new java.util.LinkedHashMap<>();
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            RECEIVED.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"), form));
            int status = form.get("To").endsWith("429") ? 429 : form.get("To").endsWith("400") ? 400 : 201;
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "7");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static ChatReply reply(String text) {
        return new ChatReply("c", text, null, List.of(), List.of(new ChatReply.FollowUp("Better?", List.of("Yes", "No"))), null, null);
    }

    @Test
    void aReplyIsPostedToMessagesJsonWithBasicAuth() {
        RECEIVED.clear();
        sender.send("twilio-sms", TwilioSender.address("+15550001111", "+15550000000"), reply("Rest & walk."));
        assertThat(RECEIVED).hasSize(1);
        Received r = RECEIVED.get(0);
        assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + ChannelsProfile.TWILIO_ACCOUNT + "/Messages.json");
        assertThat(r.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (ChannelsProfile.TWILIO_ACCOUNT + ":" + ChannelsProfile.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.form()).containsEntry("To", "+15550001111").containsEntry("From", "+15550000000")
                .containsEntry("Body", "Rest & walk.\n\nBetter?\nReply 1 for Yes, 2 for No");
    }

    @Test
    void aLongReplyIsSentInNumberedParts() {
        RECEIVED.clear();
        sender.send("twilio-whatsapp", TwilioSender.address("whatsapp:+15550002222", "whatsapp:+15550000000"), reply("word ".repeat(500)));
        assertThat(RECEIVED).hasSize(2);
        assertThat(RECEIVED.get(0).form().get("Body")).startsWith("(1/2) ");
    }

    @Test
    void a429IsRetryableWithItsRetryAfterAndA400IsNot() {
        ChannelSender.SendFailure busy = catchThrowableOfType(ChannelSender.SendFailure.class,
                () -> sender.send("twilio-sms", TwilioSender.address("+15550000429", "+15550000000"), reply("x")));
        assertThat(busy.retryable()).isTrue();
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        ChannelSender.SendFailure bad = catchThrowableOfType(ChannelSender.SendFailure.class,
                () -> sender.send("twilio-sms", TwilioSender.address("+15550000400", "+15550000000"), reply("x")));
        assertThat(bad.retryable()).isFalse();
    }
}
