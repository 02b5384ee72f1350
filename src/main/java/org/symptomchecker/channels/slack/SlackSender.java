package org.symptomchecker.channels.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.channels.ChannelSender;
import org.symptomchecker.channels.edge.PlatformHttp;
import org.symptomchecker.channels.edge.ReplyText;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Posts a reply with chat.postMessage: Block Kit sections with the reply's full text (as plain text, so nothing in
 * it becomes a mention or a link), context lines naming its sources (a link where a source has a web address), and a button per follow-up option. Slack's
 * {@code ok:false} is a permanent failure unless it is {@code ratelimited}.
 */
@ApplicationScoped
public class SlackSender implements ChannelSender {

    static final int SECTION_LIMIT = 3000;
    static final int FALLBACK_LIMIT = 39_000;
    static final int BUTTON_TEXT_LIMIT = 75;
    static final int BUTTON_VALUE_LIMIT = 2000;
    static final int MAX_BUTTONS = 25;
    static final int CONTEXT_ELEMENTS = 10;

    private final SlackConfig config;
    private final ObjectMapper json;
    private final PlatformHttp http = new PlatformHttp("Slack");

    public SlackSender(SlackConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @Override
    public Set<String> channels() {
        return Set.of(SlackResource.CHANNEL);
    }

    @Override
    public boolean configured() {
        return config.botToken().isPresent();
    }

    @Override
    public void send(String channel, String replyTo, ChatReply reply) {
        String token = config.botToken().orElseThrow(() -> new SendFailure("symptom.channels.slack.bot-token is not set", false, null));
        PlatformHttp.Answer answer = http.postJson(PlatformHttp.url(config.apiBaseUrl(), "/chat.postMessage"), token, message(replyTo, reply));
        JsonNode result;
        try {
            result = json.readTree(answer.body() == null ? "" : answer.body());
        } catch (IOException e) {
            throw new SendFailure("Slack answered with a body that is not JSON", false, null);
        }
        if (result == null || !result.path("ok").asBoolean(false)) {
            String error = result == null ? "unknown" : result.path("error").asText("unknown");
            boolean rateLimited = "ratelimited".equals(error);
            throw new SendFailure("Slack refused the message: " + error, rateLimited, rateLimited ? answer.retryAfter() : null);
        }
    }

    /** The chat.postMessage body for one reply. */
    ObjectNode message(String channel, ChatReply reply) {
        ObjectNode m = json.createObjectNode().put("channel", channel)
                .put("text", escape(ReplyText.clip(ReplyText.plain(reply), FALLBACK_LIMIT)))
                .put("unfurl_links", false).put("unfurl_media", false);
        ArrayNode blocks = m.putArray("blocks");
        String text = reply.reply() == null || reply.reply().isBlank() ? " " : reply.reply().strip();
        for (String part : ReplyText.split(text, SECTION_LIMIT)) {
            section(blocks, part);
        }
        // every source is named (the vetted corpus's documents often have no web address); those with one are links
        List<ChatReply.Citation> sources = ReplyText.distinctSources(reply);
        for (int i = 0; i < sources.size(); i += CONTEXT_ELEMENTS) {
            ArrayNode elements = blocks.addObject().put("type", "context").putArray("elements");
            for (ChatReply.Citation c : sources.subList(i, Math.min(sources.size(), i + CONTEXT_ELEMENTS))) {
                boolean link = ReplyText.isWebLink(c.url());
                String title = c.title() == null || c.title().isBlank() ? (link ? c.url().strip() : c.documentId()) : c.title().strip();
                elements.addObject().put("type", "mrkdwn").put("text", link
                        ? "Source: <" + linkTarget(c.url()) + "|" + escape(title).replace("|", "/") + ">"
                        : "Source: " + escape(title));
            }
        }
        List<ChatReply.FollowUp> choices = ReplyText.choices(reply);
        for (int f = 0; f < choices.size(); f++) {
            ChatReply.FollowUp followUp = choices.get(f);
            if (followUp.text() != null && !followUp.text().isBlank()) {
                section(blocks, ReplyText.clip(followUp.text(), SECTION_LIMIT));
            }
            ArrayNode buttons = blocks.addObject().put("type", "actions").put("block_id", "followup-" + f).putArray("elements");
            for (String option : followUp.options().stream().filter(o -> o != null && !o.isBlank()).map(String::strip)
                    .distinct().limit(MAX_BUTTONS).toList()) {
                ObjectNode button = buttons.addObject().put("type", "button").put("action_id", "followup-" + f + "-" + buttons.size());
                button.putObject("text").put("type", "plain_text").put("text", ReplyText.clip(option, BUTTON_TEXT_LIMIT));
                button.put("value", ReplyText.clip(option, BUTTON_VALUE_LIMIT));
            }
        }
        return m;
    }

    private static void section(ArrayNode blocks, String text) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "plain_text").put("text", text).put("emoji", false);
    }

    /** Slack's three control characters in mrkdwn text. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A link's target with the characters that would end Slack's link syntax encoded. */
    private static String linkTarget(String url) {
        return url.strip().replace("|", "%7C").replace(">", "%3E").replace("<", "%3C").replace(" ", "%20");
    }
}
