package org.symptomchecker.channels;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.metrics.TurnMetrics;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The outbox's backlog as gauges: replies waiting to be sent ({@code symptom.outbox.backlog}, counted every
 * {@code symptom.metrics.outbox-refresh} with a deadline of its own, so a scrape reads a number and never the database)
 * and replies given up on by this instance ({@code symptom.outbox.failed}).
 */
@Startup
@ApplicationScoped
public class OutboxBacklog {

    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);
    /** The count's deadline, in seconds. */
    private static final int QUERY_TIMEOUT_S = 2;

    private final DataSource dataSource;
    private volatile long pending;

    public OutboxBacklog(DataSource dataSource, TurnMetrics metrics, OutboxWorker worker) {
        this.dataSource = dataSource;
        metrics.gauge("symptom.outbox.backlog", "Replies in the outbox waiting to be sent (all instances)", () -> pending);
        metrics.gauge("symptom.outbox.failed", "Replies this instance gave up sending", worker::failedSends);
    }

    @Scheduled(every = "${symptom.metrics.outbox-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement("select count(*) from channel_outbox where status = 'PENDING'")) {
            count.setQueryTimeout(QUERY_TIMEOUT_S);
            try (ResultSet row = count.executeQuery()) {
                if (row.next()) {
                    pending = row.getLong(1);
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("outbox backlog not counted (%s): the last count stands", e.getClass().getSimpleName());
        }
    }

    /** The last count. */
    public long pending() {
        return pending;
    }
}
