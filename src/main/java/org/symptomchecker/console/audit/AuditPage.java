package org.symptomchecker.console.audit;

import java.util.List;

/** One page of audit entries, newest first, and how many match the filter in all. */
public record AuditPage(List<AuditRecord> entries, int page, int size, long total) {
}
