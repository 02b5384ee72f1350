package org.symptomchecker.answer;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.triage.TriageLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes vetted content found for a question, for an answer or an interview's disposition: the language model's
 * phrasing when one is configured and every sentence of it passed the checks ({@link ModelPhrasing}), otherwise the
 * extractive quote. The extractive answer's note (the corpus has the topic, not what was asked about it) stands
 * before either. Called only when the extractive answer found content, so a model is never asked about a question
 * the corpus cannot answer.
 */
@ApplicationScoped
public class AnswerWriter {

    /** The written content (ending with a line break), the passages it cites and, for a model's text, what wrote it. */
    public record Written(String text, List<ChatReply.Citation> citations, ChatReply.AnsweredBy answeredBy) {
    }

    private final ModelPhrasing model;

    public AnswerWriter(ModelPhrasing model) {
        this.model = model;
    }

    /** The content for {@code question} under a triage level, from the extractive answer {@code found} (not empty). */
    public Written write(String question, CitedAnswer found, TriageLevel level) {
        var phrased = model.phrase(question, level);
        if (phrased.isPresent()) {
            String note = found.note() == null || found.note().isBlank() ? "" : found.note().strip() + "\n\n";
            return new Written(note + phrased.get().text() + "\n", List.copyOf(phrased.get().citations()), phrased.get().answeredBy());
        }
        List<ChatReply.Citation> citations = new ArrayList<>();
        String quote = found.quote(citations);
        return new Written(quote, List.copyOf(citations), null);
    }
}
