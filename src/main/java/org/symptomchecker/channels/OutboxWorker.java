package org.symptomchecker.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.chat.MessageCipher;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the outbox's due replies through the channel's {@link ChannelSender}. A row is claimed by moving its next
 * attempt a lease ahead (an update that only one worker, of one instance or several, can win); a sent row is SENT;
 * a refused one is tried again after max(retry-base x 2^attempts, Retry-After) up to max-attempts, then FAILED
 * and counted, as is a permanent refusal. Rows outlive a restart, so a reply taken before it is still sent.
 */
@ApplicationScoped
public class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);
    private static final int BATCH = 20;

    private final ChannelInboxService inbox;
    private final Instance<ChannelSender> senders;
    private final MessageCipher cipher;
    private final ObjectMapper json;
    private final ChannelsConfig config;
    private final AtomicLong failed = new AtomicLong();
    /** Set while a pass over the due rows runs (scheduled or nudged), so passes never overlap on one instance. */
    private final AtomicBoolean passing = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-nudge");
        t.setDaemon(true);
        return t;
    });

    public OutboxWorker(ChannelInboxService inbox, Instance<ChannelSender> senders, MessageCipher cipher,
                        ObjectMapper json, ChannelsConfig config) {
        this.inbox = inbox;
        this.senders = senders;
        this.cipher = cipher;
        this.json = json;
        this.config = config;
    }

    /** Replies marked FAILED by this instance since it started. */
    public long failedSends() {
        return failed.get();
    }

    @Scheduled(every = "${symptom.channels.outbox-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        pass();
    }

    /**
     * Asks for a pass now rather than at the next tick: a reply just queued (an emergency reply among them) goes
     * out at once. Nothing happens when this instance does not send; nudges that come while one waits are one.
     */
    public void nudge() {
        if (!config.sends() || !nudged.compareAndSet(false, true)) {
            return;
        }
        try {
            nudges.execute(() -> {
                nudged.set(false);
                pass();
            });
        } catch (RejectedExecutionException e) {
            nudged.set(false); // stopping: the rows stay for the next start
        }
    }

    /** One pass over the due rows; a pass asked for while another runs makes that one go round again. */
    private void pass() {
        again.set(true);
        while (again.get() && passing.compareAndSet(false, true)) {
            try {
                again.set(false);
                sendDue();
            } catch (RuntimeException e) {
                // the database is away (or the application stopping): the rows stay and the next tick tries again
                LOG.warnf("outbox: due replies not read (%s)", e.getMessage());
            } finally {
                passing.set(false);
            }
        }
    }

    @PreDestroy
    void stop() {
        nudges.shutdown();
    }

    /** Sends what is due now; the number of rows tried. */
    public int sendDue() {
        Instant now = Instant.now();
        List<Long> due = inbox.inTransaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select id, channel from channel_outbox where status = 'PENDING'"
                    + " and next_attempt_at <= ? order by next_attempt_at fetch first " + BATCH + " rows only")) {
                select.setTimestamp(1, Timestamp.from(now));
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        if (sender(row.getString(2)) != null) {
                            ids.add(row.getLong(1));
                        }
                    }
                }
            }
            return ids;
        });
        int tried = 0;
        for (long id : due) {
            if (claim(id, now)) {
                send(id);
                tried++;
            }
        }
        return tried;
    }

    /** The sender of the channel when this instance has its credentials; else null and its rows are left alone. */
    private ChannelSender sender(String channel) {
        for (ChannelSender sender : senders) {
            if (sender.channels().contains(channel) && sender.configured()) {
                return sender;
            }
        }
        return null;
    }

    private boolean claim(long id, Instant now) {
        return inbox.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("update channel_outbox set next_attempt_at = ?"
                    + " where id = ? and status = 'PENDING' and next_attempt_at <= ?")) {
                update.setTimestamp(1, Timestamp.from(now.plus(config.sendLease())));
                update.setLong(2, id);
                update.setTimestamp(3, Timestamp.from(now));
                return update.executeUpdate() == 1;
            }
        });
    }

    private record Row(String channel, String replyTo, ChatReply reply, int attempts, int partsSent) {
    }

    private void send(long id) {
        Row row = inbox.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "select channel, data_key, reply_to, payload, attempts, parts_sent, delivery_id from channel_outbox where id = ?")) {
                select.setLong(1, id);
                try (ResultSet r = select.executeQuery()) {
                    r.next();
                    String key = r.getString(2);
                    String owner = org.symptomchecker.chat.MessageCipher.outboxOwner(r.getString(1), r.getString(7));
                    ChatReply reply;
                    try {
                        reply = json.readValue(cipher.decrypt(owner, key, ChannelInboxService.OUTBOX_PAYLOAD, r.getString(4)), ChatReply.class);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("outbox row " + id + ": the reply cannot be read", e);
                    }
                    return new Row(r.getString(1), cipher.decrypt(owner, key, ChannelInboxService.OUTBOX_REPLY_TO, r.getString(3)),
                            reply, r.getInt(5), r.getInt(6));
                }
            }
        });
        int attempts = row.attempts() + 1;
        try {
            sender(row.channel()).send(row.channel(), row.replyTo(), row.reply(), row.partsSent(), sent -> partsSent(id, sent));
            finish(id, "SENT", attempts, null, null);
        } catch (ChannelSender.SendFailure e) {
            refused(id, row.channel(), attempts, e.retryable(), e.retryAfter(), e.getMessage());
        } catch (RuntimeException e) {
            refused(id, row.channel(), attempts, true, null, e.getClass().getSimpleName());
        }
    }

    /** Keeps how many messages of a reply went out, at once, so a retry (or another instance) sends only the rest. */
    private void partsSent(long id, int sent) {
        inbox.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("update channel_outbox set parts_sent = ? where id = ?")) {
                update.setInt(1, sent);
                update.setLong(2, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    private void refused(long id, String channel, int attempts, boolean retryable, Duration retryAfter, String error) {
        if (retryable && attempts < config.maxAttempts()) {
            Duration backoff = config.retryBase().multipliedBy(1L << Math.min(attempts, 20));
            if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
                backoff = retryAfter;
            }
            finish(id, "PENDING", attempts, Instant.now().plus(backoff), error);
            return;
        }
        failed.incrementAndGet();
        LOG.warnf("outbox row %d (%s): not sent after %d attempt(s), marked FAILED: %s", id, channel, attempts, error);
        finish(id, "FAILED", attempts, null, error);
    }

    private void finish(long id, String status, int attempts, Instant next, String error) {
        inbox.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("update channel_outbox set status = ?, attempts = ?,"
                    + " next_attempt_at = coalesce(?, next_attempt_at), last_error = ?,"
                    + " sent_at = case when ? = 'SENT' then ? else sent_at end where id = ?")) {
                update.setString(1, status);
                update.setInt(2, attempts);
                update.setTimestamp(3, next == null ? null : Timestamp.from(next));
                update.setString(4, error == null ? null : error.substring(0, Math.min(error.length(), 500)));
                update.setString(5, status);
                update.setTimestamp(6, Timestamp.from(Instant.now()));
                update.setLong(7, id);
                update.executeUpdate();
            }
            return null;
        });
    }
}
