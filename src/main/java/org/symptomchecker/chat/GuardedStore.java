package org.symptomchecker.chat;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.symptomchecker.triage.TriageMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The conversation store behind deadlines: each call runs on its own thread and the turn stops waiting
 * when its deadline passes, even if the database never answers (a hung socket ignores interrupts). After
 * repeated failures the circuit opens and calls fail at once until a trial call succeeds, so triage and
 * the fixed replies never queue behind a database that is down. Deadlines are configuration
 * ({@code symptom.deadlines.*}, in milliseconds; see README "Settings").
 */
@ApplicationScoped
public class GuardedStore {

    private final ConversationStore store;

    public GuardedStore(ConversationStore store) {
        this.store = store;
    }

    @Asynchronous
    @Timeout(500)
    @Bulkhead(value = 16, waitingTaskQueue = 64)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 2000, successThreshold = 1)
    public CompletionStage<TurnContext> context(String requestedId, int recentMessages) {
        return CompletableFuture.completedFuture(store.context(requestedId, recentMessages));
    }

    @Asynchronous
    @Timeout(2000)
    @Bulkhead(value = 16, waitingTaskQueue = 64)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 2000, successThreshold = 1)
    public CompletionStage<List<TriageMessage>> allTurns(String conversationId) {
        return CompletableFuture.completedFuture(store.allTurns(conversationId));
    }

    @Asynchronous
    @Timeout(1000)
    @Bulkhead(value = 16, waitingTaskQueue = 64)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 2000, successThreshold = 1,
            skipOn = ConcurrentTurnException.class)
    public CompletionStage<Void> record(TurnContext context, TurnRecord turn) {
        try {
            store.record(context, turn);
        } catch (RuntimeException e) {
            if (raced(e)) {
                throw new ConcurrentTurnException(); // another turn committed first: its version or its seq won
            }
            throw e;
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Whether a failed record lost a race: a row version that moved on, or a (conversation, seq) already taken. */
    private static boolean raced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrentTurnException || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.StaleStateException || t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
