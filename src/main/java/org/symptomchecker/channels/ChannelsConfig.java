package org.symptomchecker.channels;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The messaging platforms' settings ({@code symptom.channels.*}). Every documented key is mapped here, because
 * SmallRye refuses unknown keys under a mapped prefix; a channel stays off until its secret is set.
 */
@ConfigMapping(prefix = "symptom.channels")
public interface ChannelsConfig {

    /** Base64 key (at least 32 bytes) of the senders' keyed hash; absent: one kept in the data folder. */
    Optional<String> senderKey();

    /** Sends of one reply before it is marked FAILED. */
    @WithDefault("8")
    int maxAttempts();

    /** The first retry's wait; each further retry waits twice the one before (or the platform's Retry-After). */
    @WithDefault("1s")
    Duration retryBase();

    /** How long a worker holds a reply it took before another may take it (a crash mid-send). */
    @WithDefault("60s")
    Duration sendLease();

    /**
     * How often the outbox worker looks for due replies (read by its schedule), e.g. {@code 1s}; {@code off} stops
     * this instance sending (another instance on the same database sends the replies it takes).
     */
    @WithDefault("1s")
    String outboxInterval();

    /** Whether this instance sends the outbox's replies. */
    default boolean sends() {
        String interval = outboxInterval().trim().toLowerCase(java.util.Locale.ROOT);
        return !interval.equals("off") && !interval.equals("disabled");
    }

    /** Threads that take webhook deliveries (each answers one message at a time). */
    @WithDefault("16")
    int inboxThreads();

    /** Deliveries waiting for a thread beyond which a webhook is answered 503 at once (the platform delivers again). */
    @WithDefault("200")
    int inboxQueue();

    /** How long a webhook waits for its messages to be taken before it answers 503; inside Slack's 3 s. */
    @WithDefault("1500ms")
    Duration ackWait();

    Twilio twilio();

    interface Twilio {
        Optional<String> authToken();

        /** The exact URL given to Twilio (scheme, host, port, path), as Twilio signs it. */
        Optional<String> publicUrl();

        Optional<String> accountSid();

        @WithDefault("https://api.twilio.com")
        String apiBaseUrl();
    }
}
