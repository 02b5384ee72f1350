package org.symptomchecker.answer;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.triage.TriageLevel;

import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Vetted content within a deadline: retrieval (the query's embedding, BM25 and the vector search) and the
 * extractive answer run on their own thread; past {@code symptom.deadlines.retrieval-ms}, on a failure, or while
 * the circuit is open after repeated failures, the answer is empty, and the reply says there is no vetted
 * content (the triage level and any disposition still stand).
 */
@ApplicationScoped
public class GuardedAnswerer {

    private final AnswerCalls calls;

    public GuardedAnswerer(AnswerCalls calls) {
        this.calls = calls;
    }

    /** The cited answer to a question, or an empty one when retrieval is slow or down. */
    public CitedAnswer answer(String question, TriageLevel level) {
        return answer(question, null, level);
    }

    /**
     * The cited answer for a question asked within a topic ({@code context}: words that narrow the search, e.g. an
     * interview's topic; its answer never says what the corpus lacks), or an empty one when retrieval is slow or down.
     */
    public CitedAnswer answer(String question, String context, TriageLevel level) {
        try {
            return calls.answer(question, context, level).toCompletableFuture().get();
        } catch (ExecutionException e) {
            return CitedAnswer.none();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CitedAnswer.none();
        }
    }
}
