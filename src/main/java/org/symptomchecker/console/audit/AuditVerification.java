package org.symptomchecker.console.audit;

/**
 * Whether the audit chain holds; when it does not, the first sequence number whose entry was changed, removed or
 * follows a removed one.
 */
public record AuditVerification(boolean intact, Long firstBrokenSequence, long entriesChecked) {
}
