package org.symptomchecker.channels.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.channels.InboundMessage;
import org.symptomchecker.channels.edge.InboxHandoff;
import org.symptomchecker.channels.edge.WebhookJson;
import org.symptomchecker.channels.edge.WebhookSignature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta WhatsApp Cloud API webhook: the subscription check, and deliveries signed with the app secret. Each
 * person's message goes to the channel inbox; status callbacks and other events are acknowledged and
 * ignored. The reply is sent later by {@link WhatsAppSender}.
 */
@Path("/channels/whatsapp")
public class WhatsAppResource {

    static final String CHANNEL = "whatsapp";
    private static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private final WhatsAppConfig config;
    private final InboxHandoff inbox;
    private final ObjectMapper json;

    public WhatsAppResource(WhatsAppConfig config, InboxHandoff inbox, ObjectMapper json) {
        this.config = config;
        this.inbox = inbox;
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Meta's subscription check: answers hub.challenge when hub.verify_token matches")
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
                           @QueryParam("hub.challenge") String challenge) {
        String expected = config.verifyToken().orElseThrow(() -> WebhookSignature.off(CHANNEL));
        boolean matches = token != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        if (!"subscribe".equals(mode) || !matches || challenge == null) {
            throw new ApiProblem(403, "Forbidden", "the verify token does not match");
        }
        return Response.ok(challenge, MediaType.TEXT_PLAIN).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "WhatsApp Cloud API deliveries (X-Hub-Signature-256); acknowledged at once")
    public Response receive(@HeaderParam(SIGNATURE_HEADER) String signature, byte[] body) {
        String secret = config.appSecret().orElseThrow(() -> WebhookSignature.off(CHANNEL));
        byte[] raw = body == null ? new byte[0] : body;
        WebhookSignature.require(signature, "sha256=", WebhookSignature.hmacSha256Hex(secret, raw), SIGNATURE_HEADER);
        List<InboundMessage> messages = messages(raw);
        inbox.handOver(CHANNEL, messages);
        return Response.ok().build();
    }

    /** The people's messages in a verified delivery; statuses and unknown kinds are left out. */
    List<InboundMessage> messages(byte[] raw) {
        JsonNode root = WebhookJson.object(json, raw);
        List<InboundMessage> out = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                for (JsonNode message : change.path("value").path("messages")) {
                    InboundMessage m = message(message);
                    if (m != null) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    private static InboundMessage message(JsonNode m) {
        String id = m.path("id").asText("");
        String from = m.path("from").asText("");
        String text = text(m);
        if (id.isBlank() || from.isBlank() || text == null || text.isBlank()) {
            return null;
        }
        return new InboundMessage(CHANNEL, id, from, from, text);
    }

    /** What the person wrote, or the option they chose (its id holds the whole option; the title may be cut). */
    private static String text(JsonNode m) {
        return switch (m.path("type").asText("")) {
            case "text" -> m.path("text").path("body").asText(null);
            case "interactive" -> {
                JsonNode interactive = m.path("interactive");
                JsonNode chosen = interactive.path(interactive.path("type").asText(""));
                yield firstText(chosen.path("id"), chosen.path("title"));
            }
            case "button" -> firstText(m.path("button").path("payload"), m.path("button").path("text"));
            default -> null;
        };
    }

    private static String firstText(JsonNode first, JsonNode second) {
        String a = first.isTextual() ? first.asText() : "";
        return a.isBlank() ? (second.isTextual() ? second.asText() : null) : a;
    }
}
