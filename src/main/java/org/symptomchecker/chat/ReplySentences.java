package org.symptomchecker.chat;

import org.symptomchecker.corpus.Sentences;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a reply's text into the sentences the chat stream sends one by one. The parts cover the text without gap or
 * overlap: each sentence carries the whitespace that follows it (spaces, line breaks, a blank line between
 * paragraphs), so the parts joined give the reply exactly. A line break ends a sentence, and citation markers written
 * after a full stop ("pain. [1] Next") stay with the sentence before them.
 */
public final class ReplySentences {

    /** One sentence of a reply, in order from 0, with the whitespace that follows it. */
    public record Sentence(int index, String text) {
    }

    /** Citation markers ("[1]", "[1][2]", "[1, 2]") at the start of a part, with the whitespace after them. */
    private static final Pattern LEADING_CITATIONS = Pattern.compile("^(?:\\[\\d{1,3}(?:\\s*,\\s*\\d{1,3})*\\]\\s*)+");

    /** A full stop followed by citation markers and whitespace: the next sentence starts after them. */
    private static final Pattern CITED_STOP = Pattern.compile("[.!?](?:\\s*\\[\\d{1,3}(?:\\s*,\\s*\\d{1,3})*\\])+\\s+");

    private ReplySentences() {
    }

    /** The reply's sentences; none for an empty text. */
    public static List<Sentence> split(String text) {
        // each sentence starts where the corpus's sentence splitter starts one (a line break ends a sentence too), or
        // after citation markers that follow a full stop ("pain. [1] Next"), where the break iterator does not break
        TreeSet<Integer> starts = new TreeSet<>();
        for (Sentences.Span span : Sentences.split(text)) {
            starts.add(span.start());
        }
        Matcher cited = CITED_STOP.matcher(text);
        while (cited.find()) {
            starts.add(cited.end());
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int start : starts) {
            if (start > from && start < text.length() && !text.substring(from, start).isBlank()) {
                add(parts, text.substring(from, start));
                from = start;
            }
        }
        if (from < text.length()) {
            add(parts, text.substring(from));
        }
        List<Sentence> sentences = new ArrayList<>(parts.size());
        for (String part : parts) {
            sentences.add(new Sentence(sentences.size(), part));
        }
        return sentences;
    }

    /** Adds a part; citation markers that open it, and a part of only whitespace, belong to the part before. */
    private static void add(List<String> parts, String part) {
        if (parts.isEmpty()) {
            parts.add(part);
            return;
        }
        String previous = parts.get(parts.size() - 1);
        Matcher m = LEADING_CITATIONS.matcher(part);
        int keep = m.find() ? m.end() : 0;
        if (part.isBlank() || keep == part.length()) {
            parts.set(parts.size() - 1, previous + part);
        } else if (keep > 0 && !previous.endsWith("\n")) {
            parts.set(parts.size() - 1, previous + part.substring(0, keep));
            parts.add(part.substring(keep));
        } else {
            parts.add(part);
        }
    }
}
