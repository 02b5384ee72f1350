package org.symptomchecker.chat;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One turn of a conversation, the person's or the service's. A question the service asks records what it
 * asks about ({@code asks}), so that a later "nope" can be understood.
 */
@Entity
@Table(name = "conversation_message")
public class ConversationMessage extends PanacheEntityBase {

    /** Who wrote a turn. */
    public enum Role { USER, ASSISTANT }

    @Id
    public String id;
    @Column(name = "conversation_id")
    public String conversationId;
    public int seq;
    @Enumerated(EnumType.STRING)
    public Role role;
    public String text;
    public String asks;
    @Column(name = "created_at")
    public Instant createdAt;
}
