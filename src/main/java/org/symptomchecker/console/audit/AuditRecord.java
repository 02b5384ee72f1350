package org.symptomchecker.console.audit;

import java.time.Instant;

/** An audit entry as the API shows it. */
public record AuditRecord(long sequence, Instant time, String actor, String action, String target,
                          String before, String after, String previousHash, String hash) {

    static AuditRecord of(AuditEntry e) {
        return new AuditRecord(e.seq, Instant.ofEpochMilli(e.atMillis), e.actor, e.action, e.target, e.beforeJson,
                e.afterJson, e.prevHash, e.hash);
    }
}
