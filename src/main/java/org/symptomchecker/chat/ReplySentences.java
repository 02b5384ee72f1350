package org.symptomchecker.chat;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        List<String> parts = new ArrayList<>();
        for (String line : lines(text)) {
            TreeSet<Integer> ends = new TreeSet<>();
            BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
            it.setText(line);
            for (int end = it.next(); end != BreakIterator.DONE; end = it.next()) {
                ends.add(end);
            }
            Matcher cited = CITED_STOP.matcher(line);
            while (cited.find()) {
                ends.add(cited.end()); // the break iterator does not end a sentence at "pain. [1] Next"
            }
            int start = 0;
            for (int end : ends) {
                add(parts, line.substring(start, end));
                start = end;
            }
        }
        List<Sentence> sentences = new ArrayList<>(parts.size());
        for (String part : parts) {
            sentences.add(new Sentence(sentences.size(), part));
        }
        return sentences;
    }

    /** The text in lines, each with the line breaks (and any blank lines) that end it. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            boolean breakEnds = text.charAt(i) == '\n' && (i + 1 == text.length() || !Character.isWhitespace(text.charAt(i + 1)));
            if (breakEnds) {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
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
