package org.symptomchecker.answer;

import org.symptomchecker.content.ContentLens;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.triage.TriageLevel;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Vetted content within a deadline: retrieval (the query's embedding, BM25 and the vector search) and the
 * extractive answer run on their own thread; past {@code symptom.deadlines.retrieval-ms}, on a failure, or while
 * the circuit is open after repeated failures, the answer is empty, and the reply says there is no vetted
 * content (the triage level and any disposition still stand). The caller waits at most the deadline and a second
 * more: the call runs on the worker pool, and when a burst of requests holds every worker thread, the call (and the
 * timeout's own completion) may wait for a thread that only this caller's giving up frees.
 */
@ApplicationScoped
public class GuardedAnswerer {

    /** How long past the deadline the caller waits for the guarded call's own timeout before it stops waiting itself. */
    static final long GRACE_MS = 1000;

    private final AnswerCalls calls;
    private final long waitMs;

    public GuardedAnswerer(AnswerCalls calls, org.symptomchecker.SymptomConfig config) {
        this.calls = calls;
        this.waitMs = config.deadlines().retrievalMs() + GRACE_MS;
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
            // bounded here too: when every worker thread waits like this one, the call may not even get a thread
            return calls.answer(question, context, level, ContentLens.current()).toCompletableFuture().get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return CitedAnswer.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CitedAnswer.unavailable();
        }
    }
}
