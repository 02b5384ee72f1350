package org.symptomchecker.channels.edge;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.channels.ChannelInbox;
import org.symptomchecker.channels.InboundMessage;

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
 * its acknowledgement budget: the inbox is called on a small pool of its own; the webhook waits at most
 * {@link #WAIT}. When the inbox fails within it (or the pool is full, or there is no inbox) the webhook answers
 * 503 so the platform delivers again (the inbox takes each delivery id once); when it is slower, the webhook
 * acknowledges and the inbox goes on taking the messages.
 */
@ApplicationScoped
public class InboxHandoff {

    /** Well inside Slack's 3 s and Meta's acknowledgement window. */
    public static final Duration WAIT = Duration.ofMillis(1500);
    private static final Logger LOG = Logger.getLogger(InboxHandoff.class);

    private final Instance<ChannelInbox> inbox;
    private final ThreadPoolExecutor pool;

    public InboxHandoff(Instance<ChannelInbox> inbox) {
        this.inbox = inbox;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), r -> {
            Thread t = new Thread(r, "channel-inbox-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** Gives each message to the inbox, in order; returns once they are taken or {@link #WAIT} has passed. */
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
            taking.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.infof("%s: the channel inbox is slow; acknowledged, still taking %d message(s)", channel, messages.size());
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
