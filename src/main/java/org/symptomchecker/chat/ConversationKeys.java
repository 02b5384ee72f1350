package org.symptomchecker.chat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The master keys against the database: at start, each configured key must match the check value its id was
 * first written with, and every wrapped conversation key must be readable by a configured key (or its id be
 * listed as abandoned). Conversation keys wrapped by other than the active key are re-wrapped in batches.
 */
@ApplicationScoped
public class ConversationKeys {

    private static final Logger LOG = Logger.getLogger(ConversationKeys.class);

    private final MessageCipher cipher;
    private final ConversationStore store;
    private final EntityManager em;
    private final SymptomConfig.Conversation config;
    private final SymptomConfig.Privacy privacy;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "conversation-key-rewrap");
        t.setDaemon(true);
        return t;
    });

    public ConversationKeys(MessageCipher cipher, ConversationStore store, EntityManager em, SymptomConfig config) {
        this.cipher = cipher;
        this.store = store;
        this.em = em;
        this.config = config.conversation();
        this.privacy = config.privacy();
    }

    /**
     * Where re-wrapping stands: the active key, wrapped conversation keys per master key id, how many of them and of the
     * channel outbox's data keys are left to re-wrap, and conversations whose health details are still in clear columns.
     */
    public record Status(String activeKeyId, Map<String, Long> wrappedKeys, long left, long outboxLeft, long clearHealthLeft) {
    }

    void onStart(@Observes StartupEvent start) {
        try {
            ConversationStore.roundingUnit(privacy.triageRecordRounding());
            ConversationPurge.checkRetention(privacy.triageRecordRetention());
            verify(cipher.keys(), Set.copyOf(config.abandonedKeyIds().orElse(List.of())));
        } catch (RuntimeException e) {
            String reason = reason(e);
            LOG.error("cannot start: " + reason);
            throw new IllegalStateException("cannot start: " + reason);
        }
        if (config.rewrapInBackground()) {
            background.submit(this::maintain);
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        background.shutdownNow();
    }

    /** The message of a failure's first cause that says what is wrong (a bean's creation wraps it). */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e.toString();
    }

    /**
     * Refuses keys that do not fit the database: a key whose id was written with another key, or wrapped
     * conversation keys under an id that is neither configured nor abandoned. A new id's check value is written.
     */
    void verify(MasterKeys keys, Set<String> abandoned) {
        for (String id : keys.ids()) {
            String check = keys.checkValue(id);
            String known = QuarkusTransaction.requiringNew().call(() -> {
                MasterKeyCheck row = MasterKeyCheck.findById(id);
                return row == null ? null : row.checkValue;
            });
            if (known == null) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> {
                        MasterKeyCheck row = new MasterKeyCheck();
                        row.keyId = id;
                        row.checkValue = check;
                        row.createdAt = Instant.now();
                        row.persist();
                    });
                    LOG.infof("conversation master key %s: check value recorded", id);
                    continue;
                } catch (RuntimeException e) { // another instance recorded it first: compare with that one
                    known = QuarkusTransaction.requiringNew().call(() -> ((MasterKeyCheck) MasterKeyCheck.findById(id)).checkValue);
                }
            }
            if (!MessageDigest.isEqual(known.getBytes(StandardCharsets.UTF_8), check.getBytes(StandardCharsets.UTF_8))) {
                throw new IllegalStateException("the master key " + id + " is not the one this database was written with: configure the"
                        + " key that was used under id " + id + (keys.generated() ? " (it was generated in another data folder;"
                        + " copy that key into symptom.conversation.master-keys." + id + ")" : ""));
            }
        }
        List<String> missing = new ArrayList<>();
        counts().forEach((id, n) -> {
            if (!keys.ids().contains(id) && !abandoned.contains(id)) {
                missing.add(n + " under " + id);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("conversation keys are wrapped by master keys that are not configured (" + String.join(", ", missing)
                    + "): configure those keys (symptom.conversation.master-keys.<id>), or, if those conversations are given up on purpose,"
                    + " list the ids in symptom.conversation.abandoned-key-ids");
        }
    }

    /** Wrapped conversation keys per master key id. */
    Map<String, Long> counts() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select coalesce(key_id, '" + MasterKeys.LEGACY_ID
                    + "'), count(*) from conversation_key group by coalesce(key_id, '" + MasterKeys.LEGACY_ID + "')").getResultList();
            Map<String, Long> out = new TreeMap<>();
            rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).longValue()));
            return out;
        });
    }

    public Status status() {
        Map<String, Long> counts = counts();
        MasterKeys keys = cipher.keys();
        long left = counts.entrySet().stream().filter(e -> !e.getKey().equals(keys.activeId()) && keys.ids().contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        return new Status(keys.activeId(), counts, left, outboxLeft(keys), store.clearHealthLeft());
    }

    /** Re-wraps every conversation key of a configured, not active master key, and moves clear health details; the status after. */
    public synchronized Status maintain() {
        try {
            long rewrapped = 0;
            for (int done = rewrapBatch(cipher); done > 0; done = rewrapBatch(cipher)) {
                rewrapped += done;
                Status now = status();
                LOG.infof("conversation keys: %d re-wrapped under %s, %d left (and %d outbox rows)", rewrapped, cipher.keys().activeId(),
                        now.left(), now.outboxLeft());
            }
            long moved = 0;
            for (ConversationStore.Moved batch = store.moveClearHealth(null, config.rewrapBatchSize()); batch.last() != null;
                 batch = store.moveClearHealth(batch.last(), config.rewrapBatchSize())) {
                moved += batch.moved();
            }
            if (moved > 0) {
                LOG.infof("conversations: health details of %d moved into encrypted form", moved);
            }
        } catch (RuntimeException e) {
            LOG.warnf("conversation key maintenance stopped (%s); it runs again at the next start or admin call", e.getClass().getSimpleName());
        }
        return status();
    }

    /**
     * Re-wraps one batch of conversation keys under {@code with}'s active key: those wrapped by another key that
     * {@code with} holds. A key erased or re-wrapped meanwhile by another instance is left as that made it. How many.
     */
    int rewrapBatch(MessageCipher with) {
        MasterKeys keys = with.keys();
        List<String> others = keys.ids().stream().filter(id -> !id.equals(keys.activeId())).toList();
        if (others.isEmpty()) {
            return 0;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            List<ConversationKey> batch = ConversationKey.<ConversationKey>find("coalesce(keyId, ?1) in ?2", MasterKeys.LEGACY_ID, others)
                    .page(0, config.rewrapBatchSize()).list();
            int done = 0;
            for (ConversationKey k : batch) {
                String rewrapped = with.rewrap(k.conversationId, k.wrappedKey);
                done += em.createNativeQuery("update conversation_key set wrapped_key = ?1, key_id = ?2 where conversation_id = ?3 and wrapped_key = ?4")
                        .setParameter(1, rewrapped).setParameter(2, keys.activeId()).setParameter(3, k.conversationId)
                        .setParameter(4, k.wrappedKey).executeUpdate();
            }
            return (batch.isEmpty() ? 0 : Math.max(done, 1)) + rewrapOutboxBatch(with, others);
        });
    }

    /** The same for the data keys of channel outbox rows (replies to send), which are bound to their channel and delivery. */
    private int rewrapOutboxBatch(MessageCipher with, List<String> others) {
        List<String> prefixes = others.stream().map(MessageCipher::wrappedPrefix).toList();
        int done = 0;
        for (String prefix : prefixes) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select id, channel, delivery_id, data_key from channel_outbox where substring(data_key, 1, "
                    + prefix.length() + ") = ?1").setParameter(1, prefix).setMaxResults(config.rewrapBatchSize()).getResultList();
            for (Object[] r : rows) {
                String owner = MessageCipher.outboxOwner((String) r[1], (String) r[2]);
                String rewrapped = with.rewrap(owner, (String) r[3]);
                em.createNativeQuery("update channel_outbox set data_key = ?1 where id = ?2 and data_key = ?3")
                        .setParameter(1, rewrapped).setParameter(2, r[0]).setParameter(3, r[3]).executeUpdate();
                done++;
            }
        }
        return done;
    }

    /** Channel outbox rows whose data key a configured, not active key wraps. */
    private long outboxLeft(MasterKeys keys) {
        return QuarkusTransaction.requiringNew().call(() -> keys.ids().stream().filter(id -> !id.equals(keys.activeId())).mapToLong(id -> {
            String prefix = MessageCipher.wrappedPrefix(id);
            return ((Number) em.createNativeQuery("select count(*) from channel_outbox where substring(data_key, 1, " + prefix.length() + ") = ?1")
                    .setParameter(1, prefix).getSingleResult()).longValue();
        }).sum());
    }
}
