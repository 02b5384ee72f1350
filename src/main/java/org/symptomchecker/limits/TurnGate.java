package org.symptomchecker.limits;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.SymptomConfig;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The chat turns this instance answers at once ({@code symptom.chat.max-concurrent-turns}). A turn takes a place
 * before it starts and gives it back when it is done; when every place is taken it waits, in arrival order, at most
 * {@code symptom.chat.max-queue-wait}. Past that the caller sheds it (triage still runs: a red flag is answered).
 * Unlike the rate limits this is on in benchmarks too: it is what keeps a burst from making every turn late.
 */
@ApplicationScoped
public class TurnGate {

    /** A place among the turns answered at once; close it when the turn is done (once). */
    public static final class Place implements AutoCloseable {
        private final Semaphore held;
        private boolean closed;

        private Place(Semaphore held) {
            this.held = held;
        }

        @Override
        public synchronized void close() {
            if (held != null && !closed) {
                closed = true;
                held.release();
            }
        }
    }

    private static final Place UNBOUNDED = new Place(null);

    private final Semaphore places;
    private final long waitNanos;
    private final int maxQueued;

    @jakarta.inject.Inject
    public TurnGate(SymptomConfig config) {
        this(config.chat().maxConcurrentTurns(), config.chat().maxQueueWait(), config.chat().maxQueuedTurns());
    }

    /**
     * {@code maxConcurrent} places (0: no bound), each waited for at most {@code maxWait}, by at most {@code maxQueued}
     * turns at a time (one more is turned away at once).
     */
    public TurnGate(int maxConcurrent, java.time.Duration maxWait, int maxQueued) {
        if (maxConcurrent < 0) {
            throw new IllegalStateException("symptom.chat.max-concurrent-turns must be 0 (no bound) or more");
        }
        if (maxWait.isNegative()) {
            throw new IllegalStateException("symptom.chat.max-queue-wait must not be negative");
        }
        if (maxQueued < 0) {
            throw new IllegalStateException("symptom.chat.max-queued-turns must be 0 or more");
        }
        this.places = maxConcurrent == 0 ? null : new Semaphore(maxConcurrent, true);
        this.waitNanos = maxWait.toNanos();
        this.maxQueued = maxQueued;
    }

    /**
     * A place for the next turn, waited for at most the configured time; null when none came free in it, or at once
     * when the line of waiting turns is already full (a burst then costs a quick refusal, not a parked thread each).
     */
    public Place enter() {
        if (places == null) {
            return UNBOUNDED;
        }
        if (places.tryAcquire()) {
            return new Place(places);
        }
        if (places.getQueueLength() >= maxQueued) {
            return null;
        }
        try {
            return places.tryAcquire(waitNanos, TimeUnit.NANOSECONDS) ? new Place(places) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Places free now (for tests and metrics; -1 when unbounded). */
    public int free() {
        return places == null ? -1 : places.availablePermits();
    }
}
