package org.symptomchecker.channels.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.channels.ChannelSender;
import org.symptomchecker.channels.edge.PlatformHttp;
import org.symptomchecker.channels.edge.ReplyText;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends a reply through the WhatsApp Cloud API: the reply's text with its sources (in parts of at most 4,096
 * characters), then each follow-up question as interactive reply buttons (up to 3 options) or a list (up to 10).
 */
@ApplicationScoped
public class WhatsAppSender implements ChannelSender {

    static final int TEXT_LIMIT = 4096;
    static final int MAX_BUTTONS = 3;
    static final int BUTTON_TITLE_LIMIT = 20;
    static final int MAX_ROWS = 10;
    static final int ROW_TITLE_LIMIT = 24;
    static final int ROW_DESCRIPTION_LIMIT = 72;
    static final int ID_LIMIT = 200;
    static final int INTERACTIVE_BODY_LIMIT = 1024;

    private final WhatsAppConfig config;
    private final ObjectMapper json;
    private final PlatformHttp http = new PlatformHttp("WhatsApp");

    public WhatsAppSender(WhatsAppConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @Override
    public Set<String> channels() {
        return Set.of(WhatsAppResource.CHANNEL);
    }

    @Override
    public boolean configured() {
        return config.accessToken().isPresent() && config.phoneNumberId().isPresent();
    }

    @Override
    public void send(String channel, String replyTo, ChatReply reply) {
        send(channel, replyTo, reply, 0, n -> { });
    }

    @Override
    public void send(String channel, String replyTo, ChatReply reply, int alreadySent, java.util.function.IntConsumer sent) {
        String token = config.accessToken().orElseThrow(() -> new SendFailure("symptom.channels.whatsapp.access-token is not set", false, null));
        String phoneNumberId = config.phoneNumberId().orElseThrow(() -> new SendFailure("symptom.channels.whatsapp.phone-number-id is not set", false, null));
        String url = PlatformHttp.url(config.graphBaseUrl(), "/v" + config.graphVersion() + "/" + phoneNumberId + "/messages");
        List<ObjectNode> messages = messages(replyTo, reply);
        for (int i = alreadySent; i < messages.size(); i++) {
            http.postJson(url, token, messages.get(i));
            sent.accept(i + 1);
        }
    }

    /** The Graph API message bodies for one reply, in sending order. */
    List<ObjectNode> messages(String to, ChatReply reply) {
        List<ObjectNode> out = new ArrayList<>();
        for (String part : ReplyText.split(ReplyText.plain(reply), TEXT_LIMIT)) {
            ObjectNode m = envelope(to, "text");
            m.putObject("text").put("preview_url", false).put("body", part);
            out.add(m);
        }
        for (ChatReply.FollowUp followUp : ReplyText.choices(reply)) {
            out.add(interactive(to, followUp));
        }
        return out;
    }

    private ObjectNode interactive(String to, ChatReply.FollowUp followUp) {
        List<String> options = distinct(followUp.options());
        ObjectNode m = envelope(to, "interactive");
        ObjectNode interactive = m.putObject("interactive");
        String question = followUp.text() == null || followUp.text().isBlank() ? "Choose one:" : followUp.text();
        interactive.putObject("body").put("text", ReplyText.clip(question, INTERACTIVE_BODY_LIMIT));
        if (options.size() <= MAX_BUTTONS) {
            interactive.put("type", "button");
            ArrayNode buttons = interactive.putObject("action").putArray("buttons");
            List<String> titles = titles(options, BUTTON_TITLE_LIMIT);
            for (int i = 0; i < options.size(); i++) {
                buttons.addObject().put("type", "reply").putObject("reply")
                        .put("id", ReplyText.clip(options.get(i), ID_LIMIT))
                        .put("title", titles.get(i));
            }
        } else {
            interactive.put("type", "list");
            ObjectNode action = interactive.putObject("action").put("button", "Choose");
            ArrayNode rows = action.putArray("sections").addObject().put("title", "Options").putArray("rows");
            List<String> shown = options.subList(0, Math.min(MAX_ROWS, options.size()));
            List<String> titles = titles(shown, ROW_TITLE_LIMIT);
            for (int i = 0; i < shown.size(); i++) {
                String option = shown.get(i);
                ObjectNode row = rows.addObject()
                        .put("id", ReplyText.clip(option, ID_LIMIT))
                        .put("title", titles.get(i));
                if (option.strip().length() > ROW_TITLE_LIMIT) {
                    row.put("description", ReplyText.clip(option, ROW_DESCRIPTION_LIMIT));
                }
            }
        }
        return m;
    }

    /**
     * The options' titles cut to {@code limit}; when cutting makes two alike (WhatsApp refuses that), each is
     * numbered ("1. Yes, since this…", "2. Yes, since this…").
     */
    static List<String> titles(List<String> options, int limit) {
        List<String> cut = options.stream().map(o -> ReplyText.clip(o, limit)).toList();
        if (new LinkedHashSet<>(cut).size() == cut.size()) {
            return cut;
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            numbered.add(ReplyText.clip((i + 1) + ". " + options.get(i), limit));
        }
        return numbered;
    }

    private ObjectNode envelope(String to, String type) {
        return json.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", to).put("type", type);
    }

    /** The options, blank ones out, each once. */
    private static List<String> distinct(List<String> options) {
        Set<String> seen = new LinkedHashSet<>();
        for (String o : options) {
            if (o != null && !o.isBlank()) {
                seen.add(o.strip());
            }
        }
        return new ArrayList<>(seen);
    }
}
