package org.symptomchecker.retrieval;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.content.ActiveContent;
import org.symptomchecker.content.ContentSwitched;
import org.symptomchecker.corpus.CorpusImporter;
import org.symptomchecker.corpus.ImportReport;

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
    /** What a content release's corpus files are known by: {@code release:corpus/hip-pain.md} on every instance. */
    public static final String RELEASE_ORIGIN = "release:corpus/";

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

    private final ActiveContent content;

    public CorpusLifecycle(IndexSynchronizer synchronizer, CorpusImporter importer, PassageIndex index, SymptomConfig config,
                           ActiveContent content) {
        this.content = content;
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
            importAll();
            readyAtSeq = synchronizer.sync();
            LOG.infof("corpus ready in %d ms (index at change %d, %d passages)",
                    (System.nanoTime() - started) / 1_000_000, readyAtSeq, index.passageCount());
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName();
            LOG.error("corpus start-up failed", e);
        }
    }

    /**
     * Imports the corpus: the shipped documents from the served content (a release's corpus, known by names that are
     * the same on every instance, or the configured folder as it is) and every other configured path.
     */
    public ImportReport importAll() {
        return content.fromReleases() ? importer.importConfigured(releaseCorpus(content.folders())) : importer.importConfigured();
    }

    private static CorpusImporter.Root releaseCorpus(ActiveContent.Folders folders) {
        return new CorpusImporter.Root(folders.corpus().toAbsolutePath().normalize(), RELEASE_ORIGIN);
    }

    /**
     * A newly published release: its corpus documents are imported (added, changed, and those it no longer holds
     * retired), in the background; every instance does so, and finds the others' work done by hash.
     */
    void onContentSwitched(@Observes ContentSwitched event) {
        if (event.now().release() == null || readyAtSeq < 0) {
            return; // before the start-up import, which reads the served release itself
        }
        background.submit(() -> {
            try {
                ImportReport report = importer.importRoot(releaseCorpus(event.now()));
                synchronizer.sync();
                LOG.infof("content release %d: corpus %d added, %d updated, %d retired, %d rejected", event.now().release(),
                        report.added(), report.updated(), report.retired(), report.rejected());
            } catch (RuntimeException e) {
                LOG.errorf("content release %d: corpus import failed (%s)", event.now().release(), e.getClass().getSimpleName());
            }
        });
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
