package org.symptomchecker.chat;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Erases conversations idle longer than symptom.conversation.ttl-days, content gaps older than symptom.feedback.retention-days
 * and triage records older than symptom.privacy.triage-record-retention, on a schedule.
 */
@ApplicationScoped
public class ConversationPurge {

    private static final Logger LOG = Logger.getLogger(ConversationPurge.class);

    private final ConversationStore conversations;
    private final java.time.Duration gapRetention;
    private final java.time.Duration recordRetention;

    public ConversationPurge(ConversationStore conversations, org.symptomchecker.SymptomConfig config) {
        this.conversations = conversations;
        this.gapRetention = java.time.Duration.ofDays(config.feedback().retentionDays());
        this.recordRetention = checkRetention(config.privacy().triageRecordRetention());
    }

    /** The triage record retention period, which must be positive. */
    static java.time.Duration checkRetention(java.time.Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalStateException("symptom.privacy.triage-record-retention must be a positive duration (e.g. 400d); it is " + retention);
        }
        return retention;
    }

    @Scheduled(every = "${symptom.conversation.purge-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            long purged = conversations.purgeExpired();
            if (purged > 0) {
                LOG.infof("purged %d expired conversations", purged);
            }
            long gaps = conversations.purgeGaps(gapRetention);
            if (gaps > 0) {
                LOG.infof("purged %d content gaps and votes older than %d days", gaps, gapRetention.toDays());
            }
            long records = conversations.purgeTriageRecords(recordRetention);
            if (records > 0) {
                LOG.infof("purged %d triage records older than %s", records, recordRetention);
            }
        } catch (RuntimeException e) {
            LOG.warnf("conversation purge failed (%s); will retry", e.getClass().getSimpleName());
        }
    }
}
