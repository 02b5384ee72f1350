package org.symptomchecker.chat;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A text-free record of one triaged turn, kept for safety review after the conversation is gone. */
@Entity
@Table(name = "triage_record")
public class TriageRecord extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    public String level;
    @Column(name = "rule_ids")
    public String ruleIds;
    @Column(name = "rule_set_version")
    public String ruleSetVersion;
    @Column(name = "corpus_version")
    public Long corpusVersion;
    /** The content release the turn was answered from (null: content read from the files). */
    @Column(name = "content_release")
    public Long contentRelease;
    public String channel;
}
