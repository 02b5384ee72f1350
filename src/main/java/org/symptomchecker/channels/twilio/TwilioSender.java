package org.symptomchecker.channels.twilio;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.channels.ChannelSender;
import org.symptomchecker.channels.ChannelsConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Sends a reply through Twilio's REST API (Messages.json, basic auth with account SID and auth token), for a
 * reply queued in the outbox rather than returned as TwiML. The address is {@link #address(String, String)}: the
 * person's number and the service's number Twilio delivered to, which becomes the message's From. A reply over
 * 1,600 characters is sent as numbered parts; a refusal after the first part makes the retry send every part again.
 */
@ApplicationScoped
public class TwilioSender implements ChannelSender {

    private final ChannelsConfig.Twilio config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TwilioSender(ChannelsConfig config) {
        this.config = config.twilio();
    }

    /** The outbox address of a Twilio reply: to whom, and from which of the service's numbers. */
    public static String address(String to, String from) {
        return to + "\n" + from;
    }

    @Override
    public Set<String> channels() {
        return Set.of(TwilioResource.SMS, TwilioResource.WHATSAPP);
    }

    @Override
    public boolean configured() {
        return config.accountSid().isPresent() && config.authToken().isPresent();
    }

    @Override
    public void send(String channel, String replyTo, ChatReply reply) {
        send(channel, replyTo, reply, 0, n -> { });
    }

    @Override
    public void send(String channel, String replyTo, ChatReply reply, int alreadySent, java.util.function.IntConsumer sent) {
        if (config.accountSid().isEmpty() || config.authToken().isEmpty()) {
            throw new SendFailure("Twilio account-sid or auth-token is not set", false, null);
        }
        int cut = replyTo.indexOf('\n');
        if (cut < 0) {
            throw new SendFailure("the Twilio address names no sending number", false, null);
        }
        String sid = config.accountSid().get();
        URI uri = URI.create(config.apiBaseUrl().replaceAll("/+$", "") + "/2010-04-01/Accounts/"
                + URLEncoder.encode(sid, StandardCharsets.UTF_8) + "/Messages.json");
        String auth = Base64.getEncoder().encodeToString((sid + ":" + config.authToken().get()).getBytes(StandardCharsets.UTF_8));
        List<String> parts = TwimlReply.of(reply).messages();
        for (int i = alreadySent; i < parts.size(); i++) {
            String part = parts.get(i);
            String form = "To=" + URLEncoder.encode(replyTo.substring(0, cut), StandardCharsets.UTF_8)
                    + "&From=" + URLEncoder.encode(replyTo.substring(cut + 1), StandardCharsets.UTF_8)
                    + "&Body=" + URLEncoder.encode(part, StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Basic " + auth)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            HttpResponse<Void> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new SendFailure("Twilio not reached (" + e.getClass().getSimpleName() + ")", true, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SendFailure("interrupted", true, null);
            }
            int status = response.statusCode();
            if (status >= 300) {
                Duration retryAfter = response.headers().firstValue("Retry-After").map(TwilioSender::seconds).orElse(null);
                throw new SendFailure("Twilio answered " + status, status == 429 || status >= 500, retryAfter);
            }
            sent.accept(i + 1);
        }
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
