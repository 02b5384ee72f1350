package org.symptomchecker.answer;

import org.symptomchecker.triage.TriageLevel;

import java.util.List;
import java.util.Optional;

/**
 * An optional language model that phrases vetted content: an answer, or the cited part of an interview's
 * disposition. Implemented by the llm package; with {@code symptom.llm.provider} none it is never asked and the
 * extractive answer is shown. Empty means: show the extractive answer (no model, a level of URGENT or above, a
 * failure, a deadline, or a sentence that failed the grounding check).
 */
public interface ModelPhrasing {

    /** The model's checked text for a question at a triage level, with the passages it cites, or empty. */
    Optional<Phrased> phrase(String question, TriageLevel level);

    /** The model's text (every sentence checked, citations numbered from [1]), its citations and what phrased it. */
    record Phrased(String text, List<ChatReply.Citation> citations, ChatReply.AnsweredBy answeredBy) {
    }
}
