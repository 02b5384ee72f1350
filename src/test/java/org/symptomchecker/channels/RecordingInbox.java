package org.symptomchecker.channels;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A test-only inbox that remembers what it was given and refuses a repeated delivery id. An alternative with no
 * priority of its own: enabled only where a profile selects it ({@link PlatformEdgesProfile}), so it never stands in
 * for the real inbox elsewhere.
 */
@Alternative
@ApplicationScoped
public class RecordingInbox implements ChannelInbox {

    private final List<InboundMessage> accepted = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private int refused;
    private volatile long delayMillis;
    private volatile boolean failing;

    /** From now on each accept first sleeps this long (an inbox slower than the platform's patience). */
    public void slowDown(java.time.Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** From now on each accept throws (a database that is down). */
    public void failing(boolean fail) {
        failing = fail;
    }

    @Override
    public boolean accept(InboundMessage message) {
        if (failing) {
            throw new IllegalStateException("the inbox is down");
        }
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return record(message);
    }

    private synchronized boolean record(InboundMessage message) {
        if (!ids.add(message.channel() + "/" + message.deliveryId())) {
            refused++;
            return false;
        }
        accepted.add(message);
        return true;
    }

    /** Waits up to {@code timeout} for a delivery id to be taken; true when it was. */
    public boolean awaitAccepted(String deliveryId, java.time.Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (accepted().stream().anyMatch(m -> m.deliveryId().equals(deliveryId))) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    public synchronized List<InboundMessage> accepted() {
        return List.copyOf(accepted);
    }

    /** How many deliveries were refused as repeats. */
    public synchronized int refused() {
        return refused;
    }

    public synchronized void clear() {
        accepted.clear();
        ids.clear();
        refused = 0;
        delayMillis = 0;
        failing = false;
    }
}
