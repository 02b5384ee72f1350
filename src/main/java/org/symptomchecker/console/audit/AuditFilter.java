package org.symptomchecker.console.audit;

import java.time.Instant;

/** Which audit entries to list: each field null means "any". {@code to} is exclusive. */
public record AuditFilter(String actor, String action, Instant from, Instant to) {
}
