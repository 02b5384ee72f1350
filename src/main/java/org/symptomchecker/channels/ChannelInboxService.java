package org.symptomchecker.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.chat.ChatRequest;
import org.symptomchecker.chat.ChatService;
import org.symptomchecker.chat.MessageCipher;
import org.symptomchecker.limits.RateLimiter;
import org.symptomchecker.triage.Guardrails;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The inbox every platform hands its verified deliveries to. One database transaction (a connection of its own,
 * outside any JTA transaction, so the chat service's own transactions never wait on it) takes the delivery by a
 * unique insert, answers it, keeps the sender's conversation and queues the reply in the outbox: if answering
 * fails nothing is committed, so the platform's retry is answered; a retry of a committed delivery fails the
 * insert and is not answered again (on PostgreSQL a retry arriving mid-answer waits for the first, then fails).
 */
@ApplicationScoped
public class ChannelInboxService implements ChannelInbox {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final ChatService chat;
    private final SenderKeys senderKeys;
    private final MessageCipher cipher;
    private final ObjectMapper json;

    private final RateLimiter limiter;
    private final Guardrails guardrails;

    public ChannelInboxService(DataSource dataSource, ChatService chat, SenderKeys senderKeys, MessageCipher cipher,
                               ObjectMapper json, RateLimiter limiter, Guardrails guardrails) {
        this.limiter = limiter;
        this.guardrails = guardrails;
        this.dataSource = dataSource;
        this.chat = chat;
        this.senderKeys = senderKeys;
        this.cipher = cipher;
        this.json = json;
    }

    /** What is kept of a sender: whether they sent STOP, and the options of their last numbered menu. */
    public record SenderState(boolean stopped, List<String> lastMenu) {
    }

    @Override
    public boolean accept(InboundMessage message) {
        return answer(message, true).isPresent();
    }

    /**
     * Takes the delivery and answers it; empty when it was taken before. With {@code queue} the reply is put in
     * the outbox for the channel's {@link ChannelSender}; without, the caller sends it itself (Twilio's TwiML).
     */
    public Optional<ChatReply> answer(InboundMessage message, boolean queue) {
        return inTransaction(c -> {
            if (!takeDelivery(c, message.channel(), message.deliveryId())) {
                return Optional.empty();
            }
            String sender = senderKeys.of(message.channel(), message.sender());
            String conversation = null;
            try (PreparedStatement select = c.prepareStatement("select conversation_id from channel_sender where sender_key = ?")) {
                select.setString(1, sender);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        conversation = row.getString(1);
                    }
                }
            }
            ChatRequest request = new ChatRequest(conversation, message.text(), null, null, message.channel(), null, null);
            RateLimiter.ChannelRefusal refusal = limiter.channelMessage(message.channel(), sender);
            ChatReply reply;
            if (refusal == null) {
                reply = chat.reply(request);
            } else {
                // Over the sender's limit. The delivery is taken and acknowledged (200) all the same: a platform retries a
                // refused webhook (a 429 or 5xx brings the same message back, again and again), which would only multiply
                // the load the limit is there to hold off. A red flag is answered as always; anything else gets one short
                // "wait a minute" text (the first over the limit only, so a flood does not become a flood of paid replies)
                // and is not stored in the conversation.
                ChatService.OverLimit over = chat.overLimit(request);
                if (over.reply() == null) {
                    if (!refusal.first()) {
                        return Optional.empty();
                    }
                    ChatReply slowDown = new ChatReply(conversation, slowDown(message.channel(), refusal.retryAfterSeconds()),
                            over.outcome().triage(), List.of(), List.of(), null, null);
                    if (queue) {
                        enqueue(c, message, slowDown);
                    }
                    return Optional.of(slowDown);
                }
                reply = over.reply();
            }
            updateSender(c, sender, "conversation_id", reply.conversationId());
            if (queue) {
                enqueue(c, message, reply);
            }
            return Optional.of(reply);
        });
    }

    /** The over-limit text: when to send again, and the emergency number of the channel's region. */
    private String slowDown(String channel, long retryAfterSeconds) {
        long minutes = Math.max(1, (retryAfterSeconds + 59) / 60);
        return "You are sending messages faster than I can answer them. Please wait " + minutes
                + (minutes == 1 ? " minute" : " minutes") + " and send your message again. If this is an emergency, call "
                + guardrails.region(null, channel).emergencyNumber() + " now.";
    }

    /** Takes a delivery that is handled without an answer (a STOP, a HELP): false when it was taken before. */
    public boolean takeDelivery(String channel, String deliveryId) {
        return inTransaction(c -> takeDelivery(c, channel, deliveryId));
    }

    public SenderState senderState(String channel, String sender) {
        return inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("select stopped, last_menu from channel_sender where sender_key = ?")) {
                select.setString(1, senderKeys.of(channel, sender));
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return new SenderState(false, List.of());
                    }
                    String menu = row.getString(2);
                    return new SenderState(row.getBoolean(1), menu == null ? List.of() : readMenu(menu));
                }
            }
        });
    }

    public void setStopped(String channel, String sender, boolean stopped) {
        inTransaction(c -> {
            updateSender(c, senderKeys.of(channel, sender), "stopped", stopped);
            return null;
        });
    }

    public void setMenu(String channel, String sender, List<String> options) {
        inTransaction(c -> {
            updateSender(c, senderKeys.of(channel, sender), "last_menu", options.isEmpty() ? null : writeJson(options));
            return null;
        });
    }

    private boolean takeDelivery(Connection c, String channel, String deliveryId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into channel_delivery (channel, delivery_id, received_at) values (?, ?, ?)")) {
            insert.setString(1, channel);
            insert.setString(2, deliveryId);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                c.rollback(); // PostgreSQL has aborted the transaction: nothing of it is kept
                return false;
            }
            throw e;
        }
    }

    /** Sets one column of the sender's row, making the row if it is not there yet. */
    private static void updateSender(Connection c, String senderKey, String column, Object value) throws SQLException {
        for (int pass = 0; ; pass++) {
            try (PreparedStatement update = c.prepareStatement(
                    "update channel_sender set " + column + " = ?, updated_at = ? where sender_key = ?")) {
                set(update, 1, value);
                update.setTimestamp(2, Timestamp.from(Instant.now()));
                update.setString(3, senderKey);
                if (update.executeUpdate() == 1 || pass == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into channel_sender (sender_key, stopped, updated_at) values (?, false, ?)")) {
                insert.setString(1, senderKey);
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
        }
    }

    private static void set(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setObject(index, value);
        }
    }

    private void enqueue(Connection c, InboundMessage message, ChatReply reply) throws SQLException {
        String owner = org.symptomchecker.chat.MessageCipher.outboxOwner(message.channel(), message.deliveryId());
        String dataKey = cipher.newWrappedKey(owner);
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement insert = c.prepareStatement("insert into channel_outbox (channel, delivery_id, data_key, reply_to,"
                + " payload, status, attempts, next_attempt_at, created_at) values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)")) {
            insert.setString(1, message.channel());
            insert.setString(2, message.deliveryId());
            insert.setString(3, dataKey);
            insert.setString(4, cipher.encrypt(owner, dataKey, OUTBOX_REPLY_TO, message.replyTo()));
            insert.setString(5, cipher.encrypt(owner, dataKey, OUTBOX_PAYLOAD, writeJson(reply)));
            insert.setTimestamp(6, now);
            insert.setTimestamp(7, now);
            insert.executeUpdate();
        }
    }

    /** Where an outbox row's address and reply are kept (their additional authenticated data). */
    static final String OUTBOX_REPLY_TO = "reply-to";
    static final String OUTBOX_PAYLOAD = "payload";

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private List<String> readMenu(String stored) {
        try {
            return json.readValue(stored, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs the work in a transaction of its own connection: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("channel inbox: database error " + e.getSQLState(), e);
        }
    }
}
