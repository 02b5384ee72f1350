package org.symptomchecker.llm;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.service.Result;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import org.jboss.logging.Logger;
import org.symptomchecker.triage.TriageLevel;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The model call on its own thread, behind a bulkhead and a circuit breaker. The reply waits for it at most
 * {@code symptom.llm.timeout} ({@link LlmAnswerer}); a call still running then goes on until each of its HTTP requests
 * meets its own deadline of the same length ({@code quarkus.langchain4j.timeout}), which counts as a failure of the
 * model. The circuit breaker opens after repeated failures (a reply refused by the grounding check does not count against the model's health); on any failure the
 * result is a refusal naming why, and the caller shows the extractive answer.
 */
@ApplicationScoped
public class ModelCalls {

    private static final Logger LOG = Logger.getLogger(ModelCalls.class);
    /** The circuit breaker's name (SmallRye's CircuitBreakerMaintenance reads and resets it by this name). */
    public static final String CIRCUIT = "language-model";

    /** The model's checked reply and the passages it was given, or why there is none. */
    public record Phrasing(String text, List<Content> sources, String refused) {
    }

    private final Instance<LlmPhraser> phraser;
    private final CallMemory memory;
    private final org.symptomchecker.metrics.TurnMetrics metrics;

    public ModelCalls(Instance<LlmPhraser> phraser, CallMemory memory, org.symptomchecker.metrics.TurnMetrics metrics) {
        this.phraser = phraser;
        this.memory = memory;
        this.metrics = metrics;
    }

    @Asynchronous
    @Bulkhead(value = 8, waitingTaskQueue = 32)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 10000, successThreshold = 1,
            skipOn = {dev.langchain4j.guardrail.GuardrailException.class, io.quarkiverse.langchain4j.runtime.aiservice.GuardrailException.class})
    @CircuitBreakerName(CIRCUIT)
    @Fallback(fallbackMethod = "refused")
    public CompletionStage<Phrasing> phrase(String question, TriageLevel level, LlmPrompts.Prompts prompts) {
        String call = UUID.randomUUID().toString();
        try {
            Result<String> result = LlmPrompts.using(prompts, () -> phraser.get().phrase(call, question, level.name()));
            return CompletableFuture.completedFuture(new Phrasing(result.content(), result.sources(), null));
        } finally {
            memory.forget(call);
        }
    }

    CompletionStage<Phrasing> refused(String question, TriageLevel level, LlmPrompts.Prompts prompts, Throwable cause) {
        String why = reason(cause);
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        LOG.warnf("language model not used (%s: %s, %s): extractive answer", why, cause.getClass().getSimpleName(), root.getClass().getSimpleName());
        metrics.modelCallFailed(why);
        // never the exception's message: a model server's error may echo what it was sent
        return CompletableFuture.completedFuture(new Phrasing(null, List.of(), why));
    }

    private static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof dev.langchain4j.guardrail.GuardrailException
                    || t instanceof io.quarkiverse.langchain4j.runtime.aiservice.GuardrailException) {
                return "ungrounded";
            }
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) { // the HTTP client's deadline, however wrapped
                return "timeout";
            }
            if (t instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException) {
                return "circuit-open";
            }
            if (t instanceof org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException) {
                return "busy";
            }
        }
        return "error";
    }
}
