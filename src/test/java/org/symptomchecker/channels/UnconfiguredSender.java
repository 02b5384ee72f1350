package org.symptomchecker.channels;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.answer.ChatReply;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A platform ({@code test-unconfigured}) this instance has no credentials for: its rows are another instance's to send. */
@ApplicationScoped
public class UnconfiguredSender implements ChannelSender {

    public static final String CHANNEL = "test-unconfigured";
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public Set<String> channels() {
        return Set.of(CHANNEL);
    }

    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public void send(String channel, String replyTo, ChatReply reply) {
        calls.incrementAndGet();
        throw new SendFailure("no credentials", false, null);
    }

    public int calls() {
        return calls.get();
    }
}
