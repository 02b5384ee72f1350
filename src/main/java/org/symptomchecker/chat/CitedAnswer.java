package org.symptomchecker.chat;

import java.util.List;

/** Vetted sentences that answer a question, each with the passage it comes from. */
public record CitedAnswer(List<CitedSentence> sentences) {

    /** One sentence, word for word from a passage, and its citation. */
    public record CitedSentence(String text, ChatReply.Citation citation) {
    }

    public boolean isEmpty() {
        return sentences.isEmpty();
    }
}
