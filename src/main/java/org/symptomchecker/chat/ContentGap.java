package org.symptomchecker.chat;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One item of the content team's to-do list, redacted: a question without a vetted answer ({@code no-answer}), one
 * whose topic the corpus has but not what was asked ({@code type-missing}), or an answer voted down or up.
 */
@Entity
@Table(name = "content_gap")
public class ContentGap extends PanacheEntityBase {

    public enum Kind {
        NO_ANSWER("no-answer"), TYPE_MISSING("type-missing"), DOWN_VOTE("down-vote"), UP_VOTE("up-vote");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(label);
        }
    }

    @Id
    public String id;
    @Column(name = "created_at")
    public Instant createdAt;
    /** The kind's label. */
    public String kind;
    /** The person's question, redacted. */
    public String question;
    /** The start of the reply voted on, redacted. */
    public String reply;
    @Column(name = "comment_text")
    public String comment;
    /** A hash of the conversation id, so a second vote on the same turn replaces the first; never the id itself. */
    @Column(name = "conversation_ref")
    public String conversationRef;
    @Column(name = "turn_seq")
    public Integer turnSeq;
    @Column(name = "content_release")
    public Long contentRelease;
    public String channel;
}
