package org.symptomchecker.corpus;

/** The Markdown headings of a document body: which section a place in it stands under. */
public final class Sections {

    private Sections() {
    }

    /** The text of the last heading line before {@code offset} ("## Treatment" gives "Treatment"), or "" when none. */
    public static String headingAt(String body, int offset) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        int end = Math.max(0, Math.min(offset, body.length()));
        int lineStart = body.lastIndexOf('\n', Math.max(0, end - 1));
        while (true) {
            int from = lineStart < 0 ? 0 : lineStart + 1;
            int to = body.indexOf('\n', from);
            String line = body.substring(from, to < 0 || to > end ? end : to).strip();
            if (line.startsWith("#")) {
                return line.replaceFirst("^#+", "").strip();
            }
            if (lineStart < 0) {
                return "";
            }
            lineStart = body.lastIndexOf('\n', lineStart - 1);
        }
    }
}
