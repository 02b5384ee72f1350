package org.symptomchecker.channels;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A test-only inbox that remembers what it was given and refuses a repeated delivery id. An alternative with no
 * priority of its own: enabled only where a profile selects it ({@link ChannelsProfile}), so it never stands in
 * for the real inbox elsewhere.
 */
@Alternative
@ApplicationScoped
public class RecordingInbox implements ChannelInbox {

    private final List<InboundMessage> accepted = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private int refused;

    @Override
    public synchronized boolean accept(InboundMessage message) {
        if (!ids.add(message.channel() + "/" + message.deliveryId())) {
            refused++;
            return false;
        }
        accepted.add(message);
        return true;
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
    }
}
