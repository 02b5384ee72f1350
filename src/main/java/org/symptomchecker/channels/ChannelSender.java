package org.symptomchecker.channels;

import org.symptomchecker.answer.ChatReply;

/**
 * Sends a chat reply on one platform, rendered for it (text limits, buttons or a numbered menu for follow-ups,
 * citations as short source lines). Called by the outbox worker, which retries with backoff.
 */
public interface ChannelSender {

    /** The {@link InboundMessage#channel()} values this sender serves. */
    java.util.Set<String> channels();

    /**
     * Sends the reply to {@code replyTo}. Throws {@link SendFailure} with {@code retryable} and an optional
     * Retry-After when the platform refused (429, 5xx: retry; 4xx: permanent).
     */
    void send(String channel, String replyTo, ChatReply reply);

    /**
     * Sends what is left of a reply that goes out as several messages: those from {@code alreadySent} on, calling
     * {@code sent} with the count sent so far after each one, so a retry never sends a message twice. A sender
     * of one message a reply needs not override it.
     */
    default void send(String channel, String replyTo, ChatReply reply, int alreadySent, java.util.function.IntConsumer sent) {
        if (alreadySent == 0) {
            send(channel, replyTo, reply);
            sent.accept(1);
        }
    }

    /** Whether this instance has the platform's credentials; rows of a channel whose sender has none are left for another instance. */
    default boolean configured() {
        return true;
    }

    /** A send the platform refused or could not take. */
    class SendFailure extends RuntimeException {
        private final boolean retryable;
        private final java.time.Duration retryAfter;

        public SendFailure(String message, boolean retryable, java.time.Duration retryAfter) {
            super(message);
            this.retryable = retryable;
            this.retryAfter = retryAfter;
        }

        public boolean retryable() {
            return retryable;
        }

        /** The platform's Retry-After, or null. */
        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }
}
