package org.symptomchecker.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.triage.TriageMessage;
import org.symptomchecker.triage.TriageState;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Conversations and their turns, in the database so that any instance can continue any conversation. */
@ApplicationScoped
public class ConversationStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration ttl;
    private final MessageCipher cipher;
    private final Duration recordRounding;

    public ConversationStore(SymptomConfig config, MessageCipher cipher) {
        this.ttl = Duration.ofDays(config.conversation().ttlDays());
        this.cipher = cipher;
        this.recordRounding = roundingUnit(config.privacy().triageRecordRounding());
    }

    /** The rounding unit of triage record times: from a second to a day, and a whole divisor of a day (so days count right). */
    static Duration roundingUnit(Duration unit) {
        if (unit.compareTo(Duration.ofSeconds(1)) < 0 || unit.compareTo(Duration.ofDays(1)) > 0
                || unit.getNano() != 0 || Duration.ofDays(1).getSeconds() % unit.getSeconds() != 0) {
            throw new IllegalStateException("symptom.privacy.triage-record-rounding must be whole seconds from 1s to 1d that divide a day"
                    + " (e.g. 1m, 15m, 1h, 6h, 1d); it is " + unit);
        }
        return unit;
    }

    /** The person's details a conversation keeps. */
    public record Profile(Integer age, String sex, String channel, String region) {
    }

    /**
     * What a turn needs of its conversation, read in one transaction: the conversation if it exists and has
     * not expired (otherwise a new id, not yet stored), its profile, interview, kept triage state and its
     * last {@code recentMessages} messages, decrypted. Nothing is written.
     */
    @Transactional
    public TurnContext context(String requestedId, int recentMessages) {
        Conversation c = requestedId == null ? null : Conversation.findById(requestedId);
        if (c == null || c.lastActiveAt.plus(ttl).isBefore(Instant.now())) {
            return TurnContext.fresh(newId(), c == null ? null : c.id);
        }
        String key = key(c.id);
        HealthDetails health = health(c, key);
        List<ConversationMessage> last = ConversationMessage.<ConversationMessage>find("conversationId = ?1 order by seq desc", c.id)
                .page(0, Math.max(1, recentMessages)).list();
        List<TriageMessage> recent = new ArrayList<>();
        for (int i = last.size() - 1; i >= 0; i--) {
            recent.add(triageMessage(last.get(i), text(key, last.get(i))));
        }
        int count = c.messageCount != null ? c.messageCount : (int) ConversationMessage.count("conversationId", c.id);
        TriageState state = c.triageState == null ? null
                : TriageState.fromJson(cipher.decrypt(c.id, key, MessageCipher.TRIAGE_STATE, c.triageState));
        return new TurnContext(c.id, c.rowVersion, false, null, new Profile(health.age(), health.sex(), c.channel, c.region),
                health.interviewFlow(), Boolean.TRUE.equals(health.interviewDone()), count, c.storedChars == null ? 0 : c.storedChars, state, recent);
    }

    /** A stored conversation as the console's preview replays it: the person's messages in order, and their details. */
    public record Stored(Profile profile, List<String> userMessages) {
    }

    /** A conversation that is stored and not expired, decrypted; empty otherwise. */
    @Transactional
    public java.util.Optional<Stored> stored(String conversationId) {
        Conversation c = Conversation.findById(conversationId);
        if (c == null || c.lastActiveAt.plus(ttl).isBefore(Instant.now())) {
            return java.util.Optional.empty();
        }
        List<String> said = allTurns(conversationId).stream().filter(TriageMessage::fromUser).map(TriageMessage::text).toList();
        HealthDetails health = health(c, key(c.id));
        return java.util.Optional.of(new Stored(new Profile(health.age(), health.sex(), c.channel, c.region), said));
    }

    /** Every turn of a conversation in order, decrypted: only to rebuild a triage state under another rule set. */
    @Transactional
    public List<TriageMessage> allTurns(String conversationId) {
        List<ConversationMessage> stored = ConversationMessage.list("conversationId = ?1 order by seq", conversationId);
        if (stored.isEmpty()) {
            return List.of();
        }
        String key = key(conversationId);
        return stored.stream().map(m -> triageMessage(m, text(key, m))).toList();
    }

    /**
     * Records a turn in one transaction: the conversation (created if new, an expired one it replaces erased),
     * its profile, interview and triage state, the person's message and the reply as the next two messages
     * (unless {@code keepMessages} is false: the conversation reached its cap), and the text-free triage
     * record. Refused with {@link ConcurrentTurnException} when another turn of the conversation was recorded
     * since {@code context} was read; nothing is written then. A conversation erased meanwhile is not
     * brought back: only the triage record is kept.
     */
    @Transactional
    public void record(TurnContext context, TurnRecord turn) {
        Instant now = Instant.now();
        Conversation c;
        String key;
        ConversationKey newKey = null;
        if (context.isNew()) {
            if (context.replaces() != null) {
                erase(context.replaces()); // expired: its turns and key go with it
            }
            c = new Conversation();
            c.id = context.conversationId();
            c.createdAt = now;
            c.messageCount = 0;
            c.storedChars = 0L;
            newKey = new ConversationKey();
            newKey.conversationId = c.id;
            newKey.wrappedKey = cipher.newWrappedKey(c.id);
            newKey.keyId = MessageCipher.keyIdOf(newKey.wrappedKey);
            key = newKey.wrappedKey;
        } else {
            c = Conversation.findById(context.conversationId());
            if (c == null) {
                recordTriage(turn.triage());
                return; // erased while this turn was answered ("forget me"): stays erased
            }
            if (c.rowVersion != context.version()) {
                throw new ConcurrentTurnException();
            }
            key = key(c.id);
        }
        int seq = c.messageCount != null ? c.messageCount : (int) ConversationMessage.count("conversationId", c.id);
        long chars = c.storedChars == null ? 0 : c.storedChars;
        String user = null;
        String reply = null;
        if (turn.keepMessages()) {
            user = cipher.encrypt(c.id, key, MessageCipher.message(seq), turn.userText());
            reply = cipher.encrypt(c.id, key, MessageCipher.message(seq + 1), turn.replyText());
        }
        c.messageCount = turn.keepMessages() ? seq + 2 : seq;
        c.storedChars = turn.keepMessages() ? chars + user.length() + reply.length() : chars;
        c.lastActiveAt = now;
        Profile p = turn.profile();
        c.channel = p.channel() != null ? p.channel() : c.channel;
        c.region = p.region() != null ? p.region() : c.region;
        HealthDetails given = new HealthDetails(p.age(), p.sex(), turn.interviewFlow(), turn.interviewFlow() != null ? turn.interviewDone() : null);
        storeHealth(c, key, newKey != null ? given : given.or(health(c, key)));
        c.triageState = turn.triageState() == null ? null : cipher.encrypt(c.id, key, MessageCipher.TRIAGE_STATE, turn.triageState());
        if (newKey != null) {
            // a new conversation is written once, complete (persisting it first and filling it in after cost an update)
            c.persist();
            newKey.persist();
        }
        if (turn.gap() != null) {
            recordGap(turn.gap(), c.id, seq, turn.userText(), null, null, turn.triage());
        }
        if (turn.keepMessages()) {
            append(c.id, seq, ConversationMessage.Role.USER, user, null, now);
            append(c.id, seq + 1, ConversationMessage.Role.ASSISTANT, reply, turn.asks(), now);
        }
        recordTriage(turn.triage());
    }

    /** What became of a held turn written late ({@link #replay}). */
    public enum Replayed { RECORDED, APPENDED, ALREADY_STORED, CONVERSATION_GONE }

    /**
     * Records a turn that was answered while the database could not record it ({@link HeldTurns}), in one transaction.
     * When its conversation is as the turn read it, the turn is recorded as it would have been. When it changed since
     * (or the turn could not read it), the turn's messages are put after the stored ones and the kept triage state is
     * dropped, so the next turn rebuilds it from every stored message (a red flag told in either turn stands). A turn
     * already stored (its first write went through after all) is not stored twice; a conversation erased meanwhile is
     * not brought back (only the text-free triage record is kept).
     */
    @Transactional
    public Replayed replay(HeldTurns.Held held) {
        TurnRecord turn = held.record();
        Conversation c = Conversation.findById(held.conversationId());
        if (c == null) {
            if (held.mayCreate()) {
                record(TurnContext.fresh(held.conversationId(), held.replaces()), turn);
                return Replayed.RECORDED;
            }
            recordTriage(turn.triage());
            return Replayed.CONVERSATION_GONE;
        }
        if (held.known() && turn.keepMessages() && alreadyStored(c, held.messageCount(), turn)) {
            return Replayed.ALREADY_STORED;
        }
        TurnContext now = new TurnContext(c.id, c.rowVersion, false, null, new Profile(null, null, null, null), null, false,
                0, 0, null, List.of());
        if (held.known() && !held.isNew() && c.rowVersion == held.version()) {
            record(now, turn);
            return Replayed.RECORDED;
        }
        String kept = c.triageState;
        record(now, new TurnRecord(turn.profile(), turn.userText(), turn.replyText(), turn.asks(), turn.keepMessages(),
                turn.interviewFlow(), turn.interviewDone(), null, turn.triage(), turn.gap()));
        if (!turn.keepMessages()) {
            c.triageState = kept; // no message to rebuild it from: the stored state stands
        }
        return Replayed.APPENDED;
    }

    /** Whether the turn's message and reply are stored at or after {@code from} (the first write went through). */
    private boolean alreadyStored(Conversation c, int from, TurnRecord turn) {
        List<ConversationMessage> after = ConversationMessage.list("conversationId = ?1 and seq >= ?2 order by seq", c.id, from);
        String key = null;
        for (int i = 0; i + 1 < after.size(); i++) {
            ConversationMessage m = after.get(i);
            if (m.role != ConversationMessage.Role.USER) {
                continue;
            }
            key = key == null ? key(c.id) : key;
            if (turn.userText().equals(text(key, m)) && turn.replyText().equals(text(key, after.get(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** The conversation's turns in order, decrypted (the entities returned are detached copies). */
    @Transactional
    public List<ConversationMessage> history(String conversationId) {
        List<ConversationMessage> stored = ConversationMessage.list("conversationId = ?1 order by seq", conversationId);
        if (stored.isEmpty()) {
            return List.of();
        }
        String key = key(conversationId);
        return stored.stream().map(m -> {
            ConversationMessage copy = new ConversationMessage();
            copy.id = m.id;
            copy.conversationId = m.conversationId;
            copy.seq = m.seq;
            copy.role = m.role;
            copy.asks = m.asks;
            copy.createdAt = m.createdAt;
            copy.text = text(key, m);
            return copy;
        }).toList();
    }

    /** Erases a conversation at once ("forget me"): its turns and its key; true if it existed. */
    @Transactional
    public boolean erase(String conversationId) {
        ConversationMessage.delete("conversationId", conversationId);
        ConversationKey.deleteById(conversationId);
        return Conversation.deleteById(conversationId);
    }

    /**
     * "Forget me": the conversation as {@link #erase} does, and the redacted questions and votes the content team kept
     * of it too (an expired conversation leaves those to their own retention period).
     */
    @Transactional
    public boolean forget(String conversationId) {
        ContentGap.delete("conversationRef", conversationRef(conversationId));
        return erase(conversationId);
    }

    /** Erases every conversation idle longer than the retention period; returns how many. */
    @Transactional
    public long purgeExpired() {
        Instant cutoff = Instant.now().minus(ttl);
        List<String> expired = Conversation.<Conversation>list("lastActiveAt < ?1", cutoff).stream().map(c -> c.id).toList();
        expired.forEach(this::erase);
        return expired.size();
    }

    /**
     * A content gap or a vote, redacted: the person's question (and the reply and comment of a vote) without names,
     * numbers, addresses or dates; the conversation only as a hash. A second vote on the same turn replaces the first.
     */
    static void recordGap(ContentGap.Kind kind, String conversationId, int turnSeq, String question, String reply, String comment,
                          TurnRecord.Triaged triage) {
        String ref = conversationRef(conversationId);
        if (kind == ContentGap.Kind.DOWN_VOTE || kind == ContentGap.Kind.UP_VOTE) {
            ContentGap.delete("conversationRef = ?1 and turnSeq = ?2 and kind in ?3", ref, turnSeq,
                    List.of(ContentGap.Kind.DOWN_VOTE.label(), ContentGap.Kind.UP_VOTE.label()));
        }
        ContentGap g = new ContentGap();
        g.id = UUID.randomUUID().toString();
        g.createdAt = Instant.now();
        g.kind = kind.label();
        g.question = clip(org.symptomchecker.privacy.Redactor.redact(question));
        g.reply = clip(reply == null ? null : org.symptomchecker.privacy.Redactor.redact(reply));
        g.comment = clip(comment == null || comment.isBlank() ? null : org.symptomchecker.privacy.Redactor.redact(comment));
        g.conversationRef = ref;
        g.turnSeq = turnSeq;
        g.contentRelease = triage == null ? null : triage.contentRelease();
        g.channel = triage == null ? null : triage.channel();
        g.persist();
    }

    private static String clip(String text) {
        return text == null ? null : text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }

    static String conversationRef(String conversationId) {
        return org.symptomchecker.content.ContentFiles.sha256(conversationId).substring(0, 32);
    }

    /** How a log line names a conversation: the start of its hash, never its id (which opens the conversation). */
    static String logRef(String conversationId) {
        return "#" + conversationRef(conversationId).substring(0, 12);
    }

    /** A person's vote on the conversation's last answer; false when the conversation has no answer to vote on. */
    @Transactional
    public boolean vote(String conversationId, boolean up, String comment) {
        List<ConversationMessage> turns = history(conversationId);
        ConversationMessage reply = null;
        ConversationMessage question = null;
        for (int i = turns.size() - 1; i >= 0 && question == null; i--) {
            ConversationMessage m = turns.get(i);
            if (reply == null && m.role == ConversationMessage.Role.ASSISTANT) {
                reply = m;
            } else if (reply != null && m.role == ConversationMessage.Role.USER) {
                question = m;
            }
        }
        if (reply == null || question == null) {
            return false;
        }
        Conversation c = Conversation.findById(conversationId);
        TurnRecord.Triaged where = new TurnRecord.Triaged("NONE", List.of(), null, 0, c == null ? null : c.channel, null);
        recordGap(up ? ContentGap.Kind.UP_VOTE : ContentGap.Kind.DOWN_VOTE, conversationId, question.seq, question.text,
                reply.text, comment, where);
        return true;
    }

    /** Deletes content gaps and votes older than the retention period; how many. */
    @Transactional
    public long purgeGaps(java.time.Duration retention) {
        return ContentGap.delete("createdAt < ?1", Instant.now().minus(retention));
    }

    /** Deletes triage records older than the retention period; how many. */
    @Transactional
    public long purgeTriageRecords(Duration retention) {
        return TriageRecord.delete("recordedAt < ?1", Instant.now().minus(retention));
    }

    /** A batch of {@link #moveClearHealth}: how many moved, and the last id looked at (null: none was left). */
    public record Moved(int moved, String last) {
    }

    /**
     * Moves the health details of up to {@code batch} conversations (ids after {@code after}) still kept in clear
     * columns (rows of earlier versions) into their encrypted form. A row whose key cannot be read is left as it is.
     */
    @Transactional
    public Moved moveClearHealth(String after, int batch) {
        List<Conversation> rows = Conversation.<Conversation>find("(clearAge is not null or clearSex is not null "
                + "or clearInterviewFlow is not null or clearInterviewDone is not null) and id > ?1 order by id", after == null ? "" : after)
                .page(0, batch).list();
        int moved = 0;
        for (Conversation c : rows) {
            ConversationKey k = ConversationKey.findById(c.id);
            try {
                if (k != null) {
                    storeHealth(c, k.wrappedKey, health(c, k.wrappedKey));
                    moved++;
                }
            } catch (IllegalStateException e) {
                // its key is not configured, or its encrypted details are spoilt: left in place, read as before
            }
        }
        return new Moved(moved, rows.isEmpty() ? null : rows.get(rows.size() - 1).id);
    }

    /** Conversations whose health details are still in clear columns. */
    @Transactional
    public long clearHealthLeft() {
        return Conversation.count("clearAge is not null or clearSex is not null "
                + "or clearInterviewFlow is not null or clearInterviewDone is not null");
    }

    /** The conversation's health details: the encrypted ones, completed by any still in clear columns. */
    private HealthDetails health(Conversation c, String key) {
        HealthDetails stored = c.health == null ? HealthDetails.NONE
                : HealthDetails.fromJson(cipher.decrypt(c.id, key, MessageCipher.HEALTH, c.health));
        return HealthDetails.hasClearColumns(c) ? stored.or(HealthDetails.clear(c)) : stored;
    }

    private void storeHealth(Conversation c, String key, HealthDetails details) {
        c.health = cipher.encrypt(c.id, key, MessageCipher.HEALTH, details.toJson());
        c.clearAge = null;
        c.clearSex = null;
        c.clearInterviewFlow = null;
        c.clearInterviewDone = null;
    }

    private String text(String key, ConversationMessage m) {
        return cipher.decrypt(m.conversationId, key, MessageCipher.message(m.seq), m.text);
    }

    /** Keeps the text-free record of a triaged turn, its time rounded down to the configured unit. */
    private void recordTriage(TurnRecord.Triaged t) {
        TriageRecord r = new TriageRecord();
        r.id = UUID.randomUUID().toString();
        long unit = recordRounding.getSeconds();
        r.recordedAt = Instant.ofEpochSecond(Math.floorDiv(Instant.now().getEpochSecond(), unit) * unit);
        r.level = t.level();
        r.ruleIds = t.ruleIds().isEmpty() ? null : String.join(",", t.ruleIds());
        r.ruleSetVersion = t.ruleSetVersion();
        r.corpusVersion = t.corpusVersion();
        r.channel = t.channel();
        r.contentRelease = t.contentRelease();
        r.persist();
    }

    private static TriageMessage triageMessage(ConversationMessage m, String text) {
        return new TriageMessage(m.role == ConversationMessage.Role.USER ? "user" : "assistant", text, m.asks);
    }

    private static String key(String conversationId) {
        ConversationKey key = ConversationKey.findById(conversationId);
        if (key == null) {
            throw new IllegalStateException("conversation has no key (erased?)");
        }
        return key.wrappedKey;
    }

    private static void append(String conversationId, int seq, ConversationMessage.Role role, String text, String asks, Instant at) {
        ConversationMessage m = new ConversationMessage();
        m.id = UUID.randomUUID().toString();
        m.conversationId = conversationId;
        m.seq = seq;
        m.role = role;
        m.text = text;
        m.asks = asks;
        m.createdAt = at;
        m.persist();
    }

    /** 128 random bits, URL-safe: unguessable and says nothing about the person. */
    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
