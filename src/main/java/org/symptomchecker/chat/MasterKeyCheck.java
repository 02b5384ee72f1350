package org.symptomchecker.chat;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A master key's check value, so a start with another key under the same id is refused. */
@Entity
@Table(name = "master_key_check")
public class MasterKeyCheck extends PanacheEntityBase {

    @Id
    @Column(name = "key_id")
    public String keyId;
    @Column(name = "check_value")
    public String checkValue;
    @Column(name = "created_at")
    public Instant createdAt;
}
