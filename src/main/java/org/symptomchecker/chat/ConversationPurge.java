package org.symptomchecker.chat;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Erases conversations idle longer than symptom.conversation.ttl-days, on a schedule. */
@ApplicationScoped
public class ConversationPurge {

    private static final Logger LOG = Logger.getLogger(ConversationPurge.class);

    private final ConversationStore conversations;

    public ConversationPurge(ConversationStore conversations) {
        this.conversations = conversations;
    }

    @Scheduled(every = "${symptom.conversation.purge-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            long purged = conversations.purgeExpired();
            if (purged > 0) {
                LOG.infof("purged %d expired conversations", purged);
            }
        } catch (RuntimeException e) {
            LOG.warnf("conversation purge failed (%s); will retry", e.getClass().getSimpleName());
        }
    }
}
