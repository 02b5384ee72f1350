package org.symptomchecker.channels.edge;

import org.symptomchecker.answer.ChatReply;

import java.util.ArrayList;
import java.util.List;

/** A reply as plain text for a messaging platform: the reply's full text first, then one line per source. */
public final class ReplyText {

    private ReplyText() {
    }

    /** "Source: title, url" for each citation (duplicates once), in the reply's order. */
    public static List<String> sourceLines(ChatReply reply) {
        List<String> lines = new ArrayList<>();
        for (ChatReply.Citation c : distinctSources(reply)) {
            String title = c.title() == null || c.title().isBlank() ? "source" : c.title().strip();
            lines.add("Source: " + title + (isWebLink(c.url()) ? ", " + c.url().strip() : ""));
        }
        return lines;
    }

    /** The reply's citations, each document once (several sentences of one document are one source), in order. */
    public static List<ChatReply.Citation> distinctSources(ChatReply reply) {
        List<ChatReply.Citation> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        if (reply.citations() != null) {
            for (ChatReply.Citation c : reply.citations()) {
                if (c != null && seen.add(c.documentId() + "\n" + c.title() + "\n" + c.url())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** The reply text and, after a blank line, its source lines. */
    public static String plain(ChatReply reply) {
        String text = reply.reply() == null ? "" : reply.reply().strip();
        List<String> sources = sourceLines(reply);
        return sources.isEmpty() ? text : text + "\n\n" + String.join("\n", sources);
    }

    /** Only http and https links are given to a platform. */
    public static boolean isWebLink(String url) {
        if (url == null) {
            return false;
        }
        String u = url.strip().toLowerCase(java.util.Locale.ROOT);
        return u.startsWith("https://") || u.startsWith("http://");
    }

    /** The follow-up questions that offer options. */
    public static List<ChatReply.FollowUp> choices(ChatReply reply) {
        List<ChatReply.FollowUp> out = new ArrayList<>();
        if (reply.followUps() != null) {
            for (ChatReply.FollowUp f : reply.followUps()) {
                if (f != null && f.options() != null && f.options().stream().anyMatch(o -> o != null && !o.isBlank())) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /**
     * The text in parts of at most {@code limit} characters, cut at a line break, else a space, in the second
     * half of a part when there is one, else hard at the limit (never inside a surrogate pair).
     */
    public static List<String> split(String text, int limit) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > limit) {
            int cut = rest.lastIndexOf('\n', limit);
            if (cut < limit / 2) {
                cut = rest.lastIndexOf(' ', limit);
            }
            if (cut < limit / 2) {
                cut = Character.isLowSurrogate(rest.charAt(limit)) ? limit - 1 : limit;
            }
            String part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isBlank() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    /** At most {@code max} characters: cut with an ellipsis when longer. */
    public static String clip(String s, int max) {
        String t = s == null ? "" : s.strip();
        if (t.length() <= max) {
            return t;
        }
        int end = Character.isHighSurrogate(t.charAt(max - 2)) ? max - 2 : max - 1;
        return t.substring(0, end).stripTrailing() + "…";
    }
}
