package org.symptomchecker.answer;

import java.util.List;

/** Vetted sentences that answer a question, each with the passage it comes from. */
public record CitedAnswer(List<CitedSentence> sentences) {

    /** One sentence, word for word from a passage, and its citation. */
    public record CitedSentence(String text, ChatReply.Citation citation) {
    }

    public boolean isEmpty() {
        return sentences.isEmpty();
    }

    /** The sentences as a reply quotes them, one a line, each with its citation number; adds the citations. */
    public String quote(java.util.List<ChatReply.Citation> citations) {
        StringBuilder text = new StringBuilder();
        for (CitedSentence s : sentences) {
            citations.add(s.citation());
            text.append(s.text()).append(" [").append(citations.size()).append("]\n");
        }
        return text.toString();
    }
}
