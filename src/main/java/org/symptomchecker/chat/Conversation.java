package org.symptomchecker.chat;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A conversation with one person; its id is random and opaque, and it expires after inactivity. */
@Entity
@Table(name = "conversation")
public class Conversation extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_active_at")
    public Instant lastActiveAt;
    public String channel;
    /** Age as stored before health details were encrypted; moved into {@link #health} and then null. */
    @Column(name = "age")
    public Integer clearAge;
    /** Sex as stored before health details were encrypted; moved into {@link #health} and then null. */
    @Column(name = "sex")
    public String clearSex;
    /** A region of regions.yaml: which emergency number and crisis line replies give. */
    public String region;
    /** The interview flow and whether it ended, as stored before health details were encrypted; then null. */
    @Column(name = "interview_flow")
    public String clearInterviewFlow;
    @Column(name = "interview_done")
    public Boolean clearInterviewDone;
    /** Age, sex and the interview ({@link HealthDetails}), encrypted under the conversation's key. */
    public String health;
    /** Optimistic locking: a turn is recorded only onto the version it read. */
    @Version
    @Column(name = "row_version")
    public long rowVersion;
    /** Messages stored (the person's and the service's), the next one's seq. */
    @Column(name = "message_count")
    public Integer messageCount;
    /** Characters of stored (encrypted) message text, for the cap on a conversation's size. */
    @Column(name = "stored_chars")
    public Long storedChars;
    /** The compact triage state ({@code triage.TriageState}), encrypted under the conversation's key. */
    @Column(name = "triage_state")
    public String triageState;
}
