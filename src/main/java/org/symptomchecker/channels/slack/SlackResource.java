package org.symptomchecker.channels.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.channels.InboundMessage;
import org.symptomchecker.channels.edge.InboxHandoff;
import org.symptomchecker.channels.edge.WebhookJson;
import org.symptomchecker.channels.edge.WebhookSignature;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Slack's Events API and interactivity requests, each signed with the app's signing secret (v0) and refused
 * when its timestamp is more than five minutes from now. A person's message and a follow-up button click go to
 * the channel inbox, which takes a retried event_id once; everything is acknowledged at once.
 */
@Path("/channels/slack")
public class SlackResource {

    static final String CHANNEL = "slack";
    static final long MAX_SKEW_SECONDS = 300;
    private static final String SIGNATURE_HEADER = "X-Slack-Signature";
    private static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

    private final SlackConfig config;
    private final InboxHandoff inbox;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public SlackResource(SlackConfig config, InboxHandoff inbox, ObjectMapper json) {
        this.config = config;
        this.inbox = inbox;
        this.json = json;
    }

    @POST
    @Path("events")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Slack Events API: url_verification and message events (v0 signature); acknowledged at once")
    public Response events(@HeaderParam(TIMESTAMP_HEADER) String timestamp, @HeaderParam(SIGNATURE_HEADER) String signature,
                           byte[] body) {
        JsonNode root = object(verified(timestamp, signature, body));
        switch (root.path("type").asText("")) {
            case "url_verification" -> {
                return Response.ok(Map.of("challenge", root.path("challenge").asText(""))).build();
            }
            case "event_callback" -> {
                InboundMessage message = message(root);
                inbox.handOver(CHANNEL, message == null ? List.of() : List.of(message));
            }
            default -> {
                // other envelopes (app_rate_limited, ...) are acknowledged and ignored
            }
        }
        return Response.ok().build();
    }

    @POST
    @Path("interactions")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Slack interactivity: a follow-up button's value becomes the person's answer")
    public Response interactions(@HeaderParam(TIMESTAMP_HEADER) String timestamp, @HeaderParam(SIGNATURE_HEADER) String signature,
                                 byte[] body) {
        String payload = formField(verified(timestamp, signature, body), "payload");
        if (payload == null) {
            throw WebhookSignature.malformed("the form has no 'payload' field");
        }
        JsonNode root = object(payload.getBytes(StandardCharsets.UTF_8));
        if ("block_actions".equals(root.path("type").asText(""))) {
            inbox.handOver(CHANNEL, clicks(root));
        }
        return Response.ok().build();
    }

    /** The raw body once its timestamp is fresh and its signature matches; refused (401/403) otherwise. */
    private byte[] verified(String timestamp, String signature, byte[] body) {
        String secret = config.signingSecret().orElseThrow(() -> WebhookSignature.off(CHANNEL));
        byte[] raw = body == null ? new byte[0] : body;
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.strip());
        } catch (NumberFormatException e) {
            throw new ApiProblem(401, "Unauthorized", "the " + TIMESTAMP_HEADER + " header is missing or not a number");
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > MAX_SKEW_SECONDS) {
            throw new ApiProblem(401, "Unauthorized", "the request timestamp is more than " + MAX_SKEW_SECONDS + " s from now");
        }
        // signed over the header as sent, not as parsed
        String expected = WebhookSignature.hmacSha256Hex(secret, ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8), raw);
        WebhookSignature.require(signature, "v0=", expected, SIGNATURE_HEADER);
        return raw;
    }

    private JsonNode object(byte[] raw) {
        return WebhookJson.object(json, raw);
    }

    /** A person's plain message; bot messages, edits and other subtypes, and the bot's own messages give null. */
    private static InboundMessage message(JsonNode root) {
        JsonNode event = root.path("event");
        String eventId = root.path("event_id").asText("");
        String user = event.path("user").asText("");
        String channel = event.path("channel").asText("");
        String text = event.path("text").asText("");
        if (!"message".equals(event.path("type").asText("")) || event.hasNonNull("bot_id") || event.hasNonNull("subtype")
                || eventId.isBlank() || user.isBlank() || channel.isBlank() || text.isBlank() || isBot(root, user)) {
            return null;
        }
        return new InboundMessage(CHANNEL, eventId, user, channel, text);
    }

    /** True when the user is the app's own bot user, as the envelope's authorizations name it. */
    private static boolean isBot(JsonNode root, String user) {
        for (JsonNode authorization : root.path("authorizations")) {
            if (authorization.path("is_bot").asBoolean(false) && user.equals(authorization.path("user_id").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Each button clicked: its value, as the person's answer, in the channel where the buttons were. */
    private static List<InboundMessage> clicks(JsonNode root) {
        String user = root.path("user").path("id").asText("");
        String channel = root.path("channel").path("id").asText(root.path("container").path("channel_id").asText(""));
        String trigger = root.path("trigger_id").asText("");
        List<InboundMessage> out = new ArrayList<>();
        for (JsonNode action : root.path("actions")) {
            String value = action.path("value").asText("");
            String id = action.path("action_ts").asText(trigger);
            if ("button".equals(action.path("type").asText("")) && !value.isBlank() && !id.isBlank()
                    && !user.isBlank() && !channel.isBlank()) {
                out.add(new InboundMessage(CHANNEL, id, user, channel, value));
            }
        }
        return out;
    }

    /** One field of an application/x-www-form-urlencoded body, decoded; null when absent. */
    static String formField(byte[] raw, String name) {
        try {
            return decodedField(raw, name);
        } catch (IllegalArgumentException e) {
            throw WebhookSignature.malformed("the form body is not URL-encoded");
        }
    }

    private static String decodedField(byte[] raw, String name) {
        for (String pair : new String(raw, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
