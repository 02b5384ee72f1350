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

    public ConversationStore(SymptomConfig config) {
        this.ttl = Duration.ofDays(config.conversation().ttlDays());
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
            conversation.delete(); // expired: its turns go with it
            conversation = null;
        }
        if (conversation == null) {
            conversation = new Conversation();
            conversation.id = newId();
            conversation.createdAt = now;
            conversation.lastActiveAt = now;
            conversation.persist();
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

    /** Records the person's message and the service's reply as the next two turns. */
    @Transactional
    public void recordTurn(String conversationId, String userText, String replyText, String asks) {
        long turns = ConversationMessage.count("conversationId", conversationId);
        Instant now = Instant.now();
        append(conversationId, (int) turns, ConversationMessage.Role.USER, userText, null, now);
        append(conversationId, (int) turns + 1, ConversationMessage.Role.ASSISTANT, replyText, asks, now);
    }

    @Transactional
    public List<ConversationMessage> history(String conversationId) {
        return ConversationMessage.list("conversationId = ?1 order by seq", conversationId);
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
