package org.symptomchecker.retrieval;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.corpus.CorpusImporter;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Start-up of the corpus: catch the index up with the database (a deleted index is rebuilt from stored
 * embeddings), import the configured corpus, then follow other instances' changes. The service is ready
 * once its index matches the database as it stood after that import.
 */
@ApplicationScoped
public class CorpusLifecycle {

    private static final Logger LOG = Logger.getLogger(CorpusLifecycle.class);

    private final IndexSynchronizer synchronizer;
    private final CorpusImporter importer;
    private final PassageIndex index;
    private final SymptomConfig config;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "corpus-startup");
        t.setDaemon(true);
        return t;
    });
    private volatile long readyAtSeq = -1;
    private volatile String failure;

    public CorpusLifecycle(IndexSynchronizer synchronizer, CorpusImporter importer, PassageIndex index, SymptomConfig config) {
        this.synchronizer = synchronizer;
        this.importer = importer;
        this.index = index;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.corpus().importInBackground()) {
            background.submit(this::prepare);
        } else {
            prepare();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        background.shutdownNow();
    }

    private void prepare() {
        long started = System.nanoTime();
        try {
            synchronizer.sync();
            importer.importConfigured();
            readyAtSeq = synchronizer.sync();
            LOG.infof("corpus ready in %d ms (index at change %d, %d passages)",
                    (System.nanoTime() - started) / 1_000_000, readyAtSeq, index.passageCount());
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName();
            LOG.error("corpus start-up failed", e);
        }
    }

    /** Picks up what other instances (or an admin import) changed in the shared database. */
    @Scheduled(every = "${symptom.index.sync-interval}", delayed = "${symptom.index.sync-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void follow() {
        if (isReady()) {
            try {
                synchronizer.sync();
            } catch (RuntimeException e) {
                LOG.warnf("index sync failed (%s); will retry", e.getClass().getSimpleName());
            }
        }
    }

    public boolean isReady() {
        return readyAtSeq >= 0 && index.appliedSeq() >= readyAtSeq;
    }

    /** Why start-up failed, or null. */
    public String failure() {
        return failure;
    }
}
