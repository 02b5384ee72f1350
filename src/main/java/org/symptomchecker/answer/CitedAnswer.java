package org.symptomchecker.answer;

import java.util.List;

/**
 * What an answer quotes: spans of vetted text, each contiguous sentences of one passage in their order with the
 * document's title and one citation; and a note when the corpus has the topic but not what was asked about it.
 */
public record CitedAnswer(String note, List<Span> spans) {

    /** Contiguous sentences of one passage, word for word, and the passage they come from. */
    public record Span(String title, List<String> sentences, ChatReply.Citation citation) {
        public String text() {
            return String.join(" ", sentences);
        }
    }

    public CitedAnswer(List<Span> spans) {
        this(null, spans);
    }

    /** What retrieval gives when it is slow or down: no answer, and not a gap in the corpus either. */
    private static final CitedAnswer UNAVAILABLE = new CitedAnswer(null, List.of());

    public static CitedAnswer none() {
        return new CitedAnswer(null, List.of());
    }

    /** The empty answer of a retrieval that failed or ran out of time (told apart by identity, not by content). */
    public static CitedAnswer unavailable() {
        return UNAVAILABLE;
    }

    /** Whether this is the answer of a retrieval that failed, not a question the corpus has nothing for. */
    public boolean retrievalFailed() {
        return this == UNAVAILABLE;
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }

    /** The note, then each span under its document's title with its citation number; adds the citations. */
    public String quote(List<ChatReply.Citation> citations) {
        StringBuilder text = new StringBuilder();
        if (note != null && !note.isBlank()) {
            text.append(note.strip()).append("\n\n");
        }
        for (Span s : spans) {
            citations.add(s.citation());
            text.append(s.title()).append(":\n").append(s.text()).append(" [").append(citations.size()).append("]\n\n");
        }
        return text.toString().stripTrailing() + "\n";
    }
}
