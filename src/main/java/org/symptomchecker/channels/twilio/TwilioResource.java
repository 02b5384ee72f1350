package org.symptomchecker.channels.twilio;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.channels.ChannelInboxService;
import org.symptomchecker.channels.ChannelTexts;
import org.symptomchecker.triage.Guardrails;
import org.symptomchecker.channels.ChannelsConfig;
import org.symptomchecker.channels.InboundMessage;
import org.symptomchecker.answer.ChatReply;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio's webhook for SMS and WhatsApp through Twilio. The signature is checked before anything else (missing or
 * wrong: 403, nothing stored); the answer goes back at once as TwiML. A MessageSid seen before gets an empty
 * {@code <Response/>}. STOP, START and HELP (and their synonyms) are kept per sender; a stopped sender gets nothing.
 */
@Path("/channels/twilio")
public class TwilioResource {

    static final String SMS = "twilio-sms";
    static final String WHATSAPP = "twilio-whatsapp";
    private static final String TEXT_XML = "text/xml";

    private static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    private static final Set<String> START = Set.of("START", "YES", "UNSTOP");
    private static final Set<String> HELP = Set.of("HELP", "INFO");
    /** The keyword replies' keys in prompts/channels/sms.properties. */
    public static final Set<String> TEXT_KEYS = Set.of("help", "start", "empty");

    private final ChannelsConfig config;
    private final ChannelInboxService inbox;
    private final Guardrails guardrails;
    private final org.symptomchecker.content.ActiveContent content;
    /** The keyword replies, and the prompts folder they were read from (a published release changes it). */
    private volatile Map.Entry<java.nio.file.Path, Map<String, String>> texts;

    public TwilioResource(ChannelsConfig config, ChannelInboxService inbox, Guardrails guardrails,
                          org.symptomchecker.content.ActiveContent content) {
        this.config = config;
        this.inbox = inbox;
        this.guardrails = guardrails;
        this.content = content;
        texts(); // a bad file fails the start, not the first text message
    }

    private Map<String, String> texts() {
        java.nio.file.Path prompts = content.folders().prompts();
        Map.Entry<java.nio.file.Path, Map<String, String>> t = texts;
        if (t == null || !t.getKey().equals(prompts)) {
            t = Map.entry(prompts, ChannelTexts.load(prompts.resolve("channels").resolve("sms.properties"), TEXT_KEYS));
            texts = t;
        }
        return t.getValue();
    }

    /** A keyword reply, with the channel's region's emergency number filled in. */
    private String text(String key, String channel) {
        return ChannelTexts.fill(texts().get(key), Map.of("number", guardrails.region(null, channel).emergencyNumber()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(TEXT_XML)
    public String receive(String body, @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        ChannelsConfig.Twilio twilio = config.twilio();
        if (twilio.authToken().isEmpty() || twilio.publicUrl().isEmpty()) {
            throw new ApiProblem(404, "Not found", "the Twilio channel is not configured on this service");
        }
        List<Map.Entry<String, String>> params = parse(body == null ? "" : body);
        String query = uri.getRequestUri().getRawQuery();
        String url = twilio.publicUrl().get().strip() + (query == null ? "" : "?" + query);
        if (!TwilioSignature.valid(twilio.authToken().get(), url, params, signature)) {
            throw new ApiProblem(403, "Forbidden", "the X-Twilio-Signature header is missing or does not match this request");
        }
        String sid = first(params, "MessageSid").orElseThrow(() -> new ApiProblem("'MessageSid' is required"));
        String from = first(params, "From").orElseThrow(() -> new ApiProblem("'From' is required"));
        String text = first(params, "Body").orElse("").strip();
        String channel = from.startsWith("whatsapp:") ? WHATSAPP : SMS;

        String keyword = text.toUpperCase(Locale.ROOT).replaceAll("[\\p{Punct}\\s]+$", "");
        if (STOP.contains(keyword)) {
            if (inbox.takeDelivery(channel, sid)) {
                inbox.setStopped(channel, from, true);
            }
            return TwimlReply.document(List.of());
        }
        ChannelInboxService.SenderState state = inbox.senderState(channel, from);
        // YES starts a stopped sender again; otherwise it is an answer (a menu's "Yes")
        if ((START.contains(keyword) && (state.stopped() || !keyword.equals("YES"))) || HELP.contains(keyword)) {
            if (!inbox.takeDelivery(channel, sid)) {
                return TwimlReply.document(List.of());
            }
            boolean start = START.contains(keyword);
            if (start) {
                inbox.setStopped(channel, from, false);
            }
            return TwimlReply.document(List.of(text(start ? "start" : "help", channel)));
        }
        if (state.stopped()) {
            // carriers block what is sent after STOP: nothing is answered until START
            return TwimlReply.document(List.of());
        }
        if (text.isEmpty()) {
            return TwimlReply.document(inbox.takeDelivery(channel, sid) ? List.of(text("empty", channel)) : List.of());
        }
        if (text.matches("\\d{1,2}")) {
            int choice = Integer.parseInt(text);
            if (choice >= 1 && choice <= state.lastMenu().size()) {
                text = state.lastMenu().get(choice - 1);
            }
        }
        Optional<ChatReply> reply = inbox.answer(new InboundMessage(channel, sid, from, from, text), false);
        if (reply.isEmpty()) {
            return TwimlReply.document(List.of());
        }
        TwimlReply twiml = TwimlReply.of(reply.get());
        if (!twiml.menu().isEmpty() || !state.lastMenu().isEmpty()) {
            inbox.setMenu(channel, from, twiml.menu());
        }
        return twiml.twiml();
    }

    /** The form's parameters in the order received, decoded (a '+' is a space). */
    static List<Map.Entry<String, String>> parse(String body) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.add(new AbstractMap.SimpleImmutableEntry<>(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new ApiProblem("the form body is not valid application/x-www-form-urlencoded");
            }
        }
        return params;
    }

    private static Optional<String> first(List<Map.Entry<String, String>> params, String name) {
        return params.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).filter(v -> !v.isBlank()).findFirst();
    }
}
