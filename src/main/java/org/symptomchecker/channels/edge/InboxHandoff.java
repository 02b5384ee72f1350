package org.symptomchecker.channels.edge;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.channels.ChannelInbox;
import org.symptomchecker.channels.ChannelsConfig;
import org.symptomchecker.channels.InboundMessage;
import org.symptomchecker.channels.OutboxWorker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands a webhook's verified messages to the {@link ChannelInbox} without holding the platform's request past
 * its acknowledgement budget: the inbox is called on a pool of its own ({@code symptom.channels.inbox-threads}); the
 * webhook waits at most {@code symptom.channels.ack-wait}. Only messages the inbox has taken (committed) are acknowledged: when the inbox fails, is slower
 * than that, or the pool is full, the webhook answers 503 so the platform delivers again. A slow inbox goes on
 * taking the messages, and the platform's next delivery is then acknowledged without a second reply (the inbox
 * takes each delivery id once); if this process dies first, that next delivery is answered. A taken reply
 * wakes the outbox worker, so it goes out at once rather than at the next tick.
 */
@ApplicationScoped
public class InboxHandoff {

    private static final Logger LOG = Logger.getLogger(InboxHandoff.class);

    private final Instance<ChannelInbox> inbox;
    private final OutboxWorker outbox;
    private final ThreadPoolExecutor pool;
    private final Duration wait;

    public InboxHandoff(Instance<ChannelInbox> inbox, OutboxWorker outbox, ChannelsConfig config) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.wait = config.ackWait();
        AtomicInteger count = new AtomicInteger();
        int threads = Math.max(1, config.inboxThreads());
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, config.inboxQueue())), r -> {
            Thread t = new Thread(r, "channel-inbox-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** Gives each message to the inbox, in order; returns once they are taken, or throws a 503 problem. */
    public void handOver(String channel, List<InboundMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        if (!inbox.isResolvable()) {
            throw unavailable(channel);
        }
        ChannelInbox taker = inbox.get();
        CompletableFuture<Void> taking;
        try {
            taking = CompletableFuture.runAsync(() -> messages.forEach(taker::accept), pool);
        } catch (RejectedExecutionException e) {
            LOG.warnf("%s: the channel inbox is busy; the platform is asked to deliver again", channel);
            throw unavailable(channel);
        }
        try {
            taking.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            outbox.nudge();
        } catch (TimeoutException e) {
            LOG.warnf("%s: the channel inbox is slow; still taking %d message(s), the platform is asked to deliver again",
                    channel, messages.size());
            taking.thenRun(outbox::nudge);
            throw unavailable(channel);
        } catch (ExecutionException e) {
            LOG.errorf("%s: the channel inbox failed (%s); the platform is asked to deliver again", channel,
                    e.getCause() == null ? "unknown" : e.getCause().getClass().getSimpleName());
            throw unavailable(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(channel);
        }
    }

    private static ApiProblem unavailable(String channel) {
        return new ApiProblem(503, "Service Unavailable", "the " + channel + " message could not be taken now; deliver it again");
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
    }
}
