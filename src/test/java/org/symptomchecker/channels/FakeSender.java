package org.symptomchecker.channels;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.answer.ChatReply;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A platform for the outbox tests ({@code test-fake}). The address says how it behaves: {@code 429x<n>:...} refuses
 * the first n sends with 429 and Retry-After 1 s, {@code down:...} always refuses (retryable), {@code bad:...}
 * refuses for good (a 4xx), anything else is taken.
 */
@ApplicationScoped
public class FakeSender implements ChannelSender {

    public static final String CHANNEL = "test-fake";

    public record Call(Instant at, ChatReply reply, boolean taken) {
    }

    private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();

    @Override
    public Set<String> channels() {
        return Set.of(CHANNEL);
    }

    @Override
    public void send(String channel, String replyTo, ChatReply reply) {
        List<Call> mine = calls.computeIfAbsent(replyTo, k -> new CopyOnWriteArrayList<>());
        boolean refuse = replyTo.startsWith("down:") || replyTo.startsWith("bad:")
                || (replyTo.startsWith("429x") && mine.size() < Integer.parseInt(replyTo.substring(4, replyTo.indexOf(':'))));
        mine.add(new Call(Instant.now(), reply, !refuse));
        if (replyTo.startsWith("bad:")) {
            throw new SendFailure("400 bad request", false, null);
        }
        if (refuse) {
            throw new SendFailure("429 too many requests", true, replyTo.startsWith("429x") ? Duration.ofSeconds(1) : null);
        }
    }

    public List<Call> calls(String replyTo) {
        return calls.getOrDefault(replyTo, List.of());
    }
}
