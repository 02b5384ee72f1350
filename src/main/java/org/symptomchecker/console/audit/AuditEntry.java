package org.symptomchecker.console.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** One row of the audit log, as read; immutable to Hibernate, so no code path can update it (AuditLog inserts rows). */
@Entity
@Immutable
@Table(name = "console_audit")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public long seq;

    @Column(name = "at_ms", nullable = false)
    public long atMillis;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    public String target;

    @Column(name = "before_json")
    public String beforeJson;

    @Column(name = "after_json")
    public String afterJson;

    @Column(name = "prev_hash", nullable = false)
    public String prevHash;

    @Column(nullable = false)
    public String hash;
}
