package org.symptomchecker.channels.twilio;

import org.symptomchecker.channels.edge.ReplyText;

import org.symptomchecker.answer.ChatReply;

import java.util.ArrayList;
import java.util.List;

/**
 * A chat reply as text messages: the reply, the first follow-up's options as a numbered menu ("Reply 1 for Yes,
 * 2 for No"), the citations as "Source: title, url" lines; over 1,600 characters it is cut into numbered parts
 * ("(1/2) ..."). The reply's own text comes first, so an emergency reply's instruction and number open the first
 * 160 characters of an SMS.
 */
record TwimlReply(List<String> messages, List<String> menu) {

    static final int MESSAGE_LIMIT = 1600;
    private static final int MAX_CITATIONS = 3;

    static TwimlReply of(ChatReply reply) {
        StringBuilder text = new StringBuilder(reply.reply() == null ? "" : reply.reply().strip());
        List<String> menu = List.of();
        if (reply.followUps() != null) {
            for (ChatReply.FollowUp followUp : reply.followUps()) {
                if (followUp.text() != null && !followUp.text().isBlank()) {
                    text.append("\n\n").append(followUp.text().strip());
                }
                if (menu.isEmpty() && followUp.options() != null && !followUp.options().isEmpty()) {
                    menu = List.copyOf(followUp.options());
                    StringBuilder line = new StringBuilder("Reply ");
                    for (int i = 0; i < menu.size(); i++) {
                        line.append(i == 0 ? "" : ", ").append(i + 1).append(" for ").append(menu.get(i));
                    }
                    text.append('\n').append(line);
                }
            }
        }
        // the same source lines as every channel (http/https links only), at most three on SMS
        ReplyText.sourceLines(reply).stream().limit(MAX_CITATIONS).forEach(line -> text.append('\n').append(line));
        return new TwimlReply(split(text.toString().strip(), MESSAGE_LIMIT), menu);
    }

    /** The text in parts of at most {@code limit} characters, cut at white space where possible, numbered when more than one. */
    static List<String> split(String text, int limit) {
        if (text.length() <= limit) {
            return List.of(text);
        }
        List<String> parts = ReplyText.split(text, limit - "(99/99) ".length());
        List<String> numbered = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            numbered.add("(" + (i + 1) + "/" + parts.size() + ") " + parts.get(i));
        }
        return numbered;
    }

    /** The messages as a TwiML document. */
    String twiml() {
        return document(messages);
    }

    static String document(List<String> messages) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        if (messages.isEmpty()) {
            return xml.append("<Response/>").toString();
        }
        xml.append("<Response>");
        for (String message : messages) {
            xml.append("<Message>").append(escape(message)).append("</Message>");
        }
        return xml.append("</Response>").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\n' || ch == '\r' || ch == '\t') {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
