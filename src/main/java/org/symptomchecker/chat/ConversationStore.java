package org.symptomchecker.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.symptomchecker.SymptomConfig;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Conversations and their turns, in the database so that any instance can continue any conversation. */
@ApplicationScoped
public class ConversationStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration ttl;
    private final MessageCipher cipher;

    public ConversationStore(SymptomConfig config, MessageCipher cipher) {
        this.ttl = Duration.ofDays(config.conversation().ttlDays());
        this.cipher = cipher;
    }

    /** The person's details a conversation keeps. */
    public record Profile(Integer age, String sex, String channel, String region) {
    }

    /** The conversation with this id if it exists and has not expired; otherwise a new one. */
    @Transactional
    public Conversation openOrStart(String requestedId, Profile profile) {
        Instant now = Instant.now();
        Conversation conversation = requestedId == null ? null : Conversation.findById(requestedId);
        if (conversation != null && conversation.lastActiveAt.plus(ttl).isBefore(now)) {
            erase(conversation.id); // expired: its turns and key go with it
            conversation = null;
        }
        if (conversation == null) {
            conversation = new Conversation();
            conversation.id = newId();
            conversation.createdAt = now;
            conversation.lastActiveAt = now;
            conversation.persist();
            ConversationKey key = new ConversationKey();
            key.conversationId = conversation.id;
            key.wrappedKey = cipher.newWrappedKey();
            key.persist();
        }
        conversation.lastActiveAt = now;
        if (profile.age() != null) {
            conversation.age = profile.age();
        }
        if (profile.sex() != null) {
            conversation.sex = profile.sex();
        }
        if (profile.channel() != null) {
            conversation.channel = profile.channel();
        }
        if (profile.region() != null) {
            conversation.region = profile.region();
        }
        return conversation;
    }

    /** Records the person's message and the service's reply as the next two turns, encrypted. */
    @Transactional
    public void recordTurn(String conversationId, String userText, String replyText, String asks) {
        String key = key(conversationId);
        long turns = ConversationMessage.count("conversationId", conversationId);
        Instant now = Instant.now();
        append(conversationId, (int) turns, ConversationMessage.Role.USER, cipher.encrypt(key, userText), null, now);
        append(conversationId, (int) turns + 1, ConversationMessage.Role.ASSISTANT, cipher.encrypt(key, replyText), asks, now);
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
            copy.text = cipher.decrypt(key, m.text);
            return copy;
        }).toList();
    }

    /** Records where the interview stands. */
    @Transactional
    public void setInterview(String conversationId, String flow, boolean done) {
        Conversation c = Conversation.findById(conversationId);
        if (c != null) {
            c.interviewFlow = flow;
            c.interviewDone = done;
        }
    }

    /** Erases a conversation at once ("forget me"): its turns and its key; true if it existed. */
    @Transactional
    public boolean erase(String conversationId) {
        ConversationMessage.delete("conversationId", conversationId);
        ConversationKey.deleteById(conversationId);
        return Conversation.deleteById(conversationId);
    }

    /** Erases every conversation idle longer than the retention period; returns how many. */
    @Transactional
    public long purgeExpired() {
        Instant cutoff = Instant.now().minus(ttl);
        List<String> expired = Conversation.<Conversation>list("lastActiveAt < ?1", cutoff).stream().map(c -> c.id).toList();
        expired.forEach(this::erase);
        return expired.size();
    }

    /** Keeps the text-free record of a triaged turn. */
    @Transactional
    public void recordTriage(String level, List<String> ruleIds, String ruleSetVersion, long corpusVersion, String channel) {
        TriageRecord r = new TriageRecord();
        r.id = UUID.randomUUID().toString();
        r.recordedAt = Instant.now();
        r.level = level;
        r.ruleIds = ruleIds.isEmpty() ? null : String.join(",", ruleIds);
        r.ruleSetVersion = ruleSetVersion;
        r.corpusVersion = corpusVersion;
        r.channel = channel;
        r.persist();
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
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
