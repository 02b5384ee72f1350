package org.symptomchecker.answer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;
import org.symptomchecker.content.ContentLens;
import org.symptomchecker.triage.TriageLevel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Retrieval and the extractive answer behind a deadline, a bulkhead and a circuit breaker; see {@link GuardedAnswerer}. */
@ApplicationScoped
public class AnswerCalls {

    private static final Logger LOG = Logger.getLogger(AnswerCalls.class);

    private final ExtractiveAnswerer answerer;

    public AnswerCalls(ExtractiveAnswerer answerer) {
        this.answerer = answerer;
    }

    @Asynchronous
    @Timeout(2000)
    @Bulkhead(value = 16, waitingTaskQueue = 64)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 2000, successThreshold = 1)
    @Fallback(fallbackMethod = "none")
    public CompletionStage<CitedAnswer> answer(String question, String context, TriageLevel level, ContentLens lens) {
        // the call runs on another thread: a preview's lens goes with it
        return CompletableFuture.completedFuture(ContentLens.runWith(lens, () -> answerer.answer(question, context, level)));
    }

    CompletionStage<CitedAnswer> none(String question, String context, TriageLevel level, ContentLens lens, Throwable cause) {
        LOG.warnf("retrieval unavailable (%s): answering without vetted content", cause.getClass().getSimpleName());
        return CompletableFuture.completedFuture(CitedAnswer.unavailable());
    }
}
