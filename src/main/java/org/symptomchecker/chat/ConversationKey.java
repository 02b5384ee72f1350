package org.symptomchecker.chat;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A conversation's own data key, wrapped by a master key; deleting it makes the conversation's text unreadable. */
@Entity
@Table(name = "conversation_key")
public class ConversationKey extends PanacheEntityBase {

    @Id
    @Column(name = "conversation_id")
    public String conversationId;
    @Column(name = "wrapped_key")
    public String wrappedKey;
    /** The id of the master key that wraps it. */
    @Column(name = "key_id")
    public String keyId;
}
