package org.symptomchecker.corpus;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits text into sentences with their offsets; Markdown headings and blank lines end a block. */
public final class Sentences {

    /** A sentence and where it stands in the text it was cut from. */
    public record Span(int start, int end, String text, boolean startsSection) {
        public int words() {
            return text.split("\\s+").length;
        }
    }

    private Sentences() {
    }

    public static List<Span> split(String text) {
        return split(text, Integer.MAX_VALUE);
    }

    /** The text's first sentence, or null when it has none (a sentence that opens a passage may lean on its heading). */
    public static Span first(String text) {
        List<Span> one = split(text, 1);
        return one.isEmpty() ? null : one.get(0);
    }

    private static List<Span> split(String text, int most) {
        List<Span> spans = new ArrayList<>();
        int lineStart = 0;
        boolean newSection = true;
        BreakIterator it = null;
        while (lineStart <= text.length() && spans.size() < most) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            String stripped = line.strip();
            if (stripped.startsWith("#")) {
                newSection = true; // a heading names a section; it is not a sentence
            } else if (!stripped.isEmpty()) {
                if (it == null) {
                    it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
                }
                it.setText(line);
                int s = it.first();
                for (int e = it.next(); e != BreakIterator.DONE && spans.size() < most; s = e, e = it.next()) {
                    String sentence = line.substring(s, e).strip();
                    if (sentence.isEmpty()) {
                        continue;
                    }
                    int absStart = lineStart + s + (line.substring(s, e).indexOf(sentence.charAt(0)));
                    spans.add(new Span(absStart, absStart + sentence.length(), sentence, newSection));
                    newSection = false;
                }
            }
            lineStart = lineEnd + 1;
        }
        return spans;
    }
}
