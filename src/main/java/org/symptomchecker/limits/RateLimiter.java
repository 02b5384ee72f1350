package org.symptomchecker.limits;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.SymptomConfig;

import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * The service's rate limits ({@code symptom.rate-limit.*}), kept in this instance's memory: chat requests per client
 * address and per conversation, chat turns in flight, and messages per sender on each messaging channel. It only
 * counts and refuses; what a refused message gets (its triage, a 429 or a short text) is the caller's to decide.
 */
@ApplicationScoped
public class RateLimiter {

    /** A chat request's admission: either admitted (close it when the turn is done) or refused with why and when to retry. */
    public static final class Admission implements AutoCloseable {
        private final Semaphore held;
        private final String refusal;
        private final long retryAfterSeconds;
        private boolean closed;

        private Admission(Semaphore held, String refusal, long retryAfterSeconds) {
            this.held = held;
            this.refusal = refusal;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public boolean refused() {
            return refusal != null;
        }

        /** Why the request was refused, in words for the client; null when admitted. */
        public String refusal() {
            return refusal;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        /** Frees the turn's place among those in flight (once; nothing for a refused request). */
        @Override
        public synchronized void close() {
            if (held != null && !closed) {
                closed = true;
                held.release();
            }
        }
    }

    /** A channel message over its sender's limit: when to retry, and whether it is the first refused since the sender was last within it. */
    public record ChannelRefusal(long retryAfterSeconds, boolean first) {
    }

    private static final Admission UNLIMITED = new Admission(null, null, 0);

    private final boolean enabled;
    private final boolean trustForwardedFor;
    private final String perMinute;
    private final SymptomConfig.RateLimit config;
    private final TokenBuckets addresses;
    private final TokenBuckets conversations;
    private final Semaphore inFlight;
    private final java.util.Map<String, TokenBuckets> channels = new java.util.concurrent.ConcurrentHashMap<>();

    public RateLimiter(SymptomConfig config) {
        this.config = config.rateLimit();
        this.enabled = this.config.enabled();
        this.trustForwardedFor = this.config.trustForwardedFor();
        this.perMinute = describe(this.config.period());
        this.addresses = buckets(this.config.perAddress());
        this.conversations = buckets(this.config.perConversation());
        this.inFlight = new Semaphore(Math.max(1, this.config.maxInFlight()));
    }

    private TokenBuckets buckets(int allowance) {
        return new TokenBuckets(allowance, config.period(), config.maxKeys(), System::nanoTime);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Counts a chat request against its address and its conversation (null: a new one), then takes a place among the
     * turns in flight. A refused request takes no place; every request, refused or not, counts against its address.
     */
    public Admission admit(String address, String conversationId) {
        if (!enabled) {
            return UNLIMITED;
        }
        TokenBuckets.Draw byAddress = addresses.draw(address == null ? "unknown" : address);
        if (!byAddress.taken()) {
            return refused("more than " + config.perAddress() + " requests " + perMinute + " came from this address", byAddress);
        }
        if (conversationId != null) {
            TokenBuckets.Draw byConversation = conversations.draw(conversationId);
            if (!byConversation.taken()) {
                return refused("more than " + config.perConversation() + " messages " + perMinute + " were sent in this conversation",
                        byConversation);
            }
        }
        if (!inFlight.tryAcquire()) {
            return new Admission(null, "the service is answering as many messages as it can at once", 1);
        }
        return new Admission(inFlight, null, 0);
    }

    private static Admission refused(String why, TokenBuckets.Draw draw) {
        return new Admission(null, why, draw.retryAfterSeconds());
    }

    /** Counts a message of a sender (a key that names no one) on a channel; null when within its limit. */
    public ChannelRefusal channelMessage(String channel, String senderKey) {
        if (!enabled) {
            return null;
        }
        String name = channel == null ? "other" : channel.toLowerCase(Locale.ROOT);
        TokenBuckets.Draw draw = channels.computeIfAbsent(name, n -> buckets(channelAllowance(n))).draw(senderKey);
        return draw.taken() ? null : new ChannelRefusal(draw.retryAfterSeconds(), draw.firstRefusal());
    }

    private int channelAllowance(String channel) {
        SymptomConfig.RateLimit.Channels c = config.channels();
        return switch (channel) { // the inbox's channel names: Twilio's two, the WhatsApp Cloud API's, Slack's
            case "sms", "twilio-sms" -> c.sms();
            case "whatsapp", "twilio-whatsapp" -> c.whatsapp();
            case "slack" -> c.slack();
            default -> c.other();
        };
    }

    /**
     * The client's address: the connection's remote address, or, with {@code trust-forwarded-for}, the last entry of
     * X-Forwarded-For (the address the proxy in front of the service saw; entries before it are the client's own word).
     */
    public String clientAddress(HttpServerRequest request) {
        if (request == null) {
            return "unknown";
        }
        String forwarded = trustForwardedFor ? lastForwarded(request.getHeader("X-Forwarded-For")) : null;
        if (forwarded != null) {
            return forwarded;
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
    }

    static String lastForwarded(String header) {
        if (header == null) {
            return null;
        }
        String[] parts = header.split(",");
        String last = parts.length == 0 ? "" : parts[parts.length - 1].strip();
        return last.isEmpty() || last.length() > 100 ? null : last.toLowerCase(Locale.ROOT);
    }

    /** "a minute", "in 1h", "in 30s": the period as it reads in a refusal. */
    static String describe(java.time.Duration period) {
        if (period.equals(java.time.Duration.ofMinutes(1))) {
            return "a minute";
        }
        String iso = period.toString().substring(2).toLowerCase(Locale.ROOT);
        return "in " + iso;
    }
}
