package org.symptomchecker.content;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The content this instance serves: the folders its prompts, guardrails and corpus are read from.
 * <p>
 * With releases (the default), a new database gets release 1 from the files in the configured folders; the published
 * release is written once to {@code data-dir/content/release-N} and read from there; a publish on any instance is
 * seen within {@code symptom.content.poll-interval}, and the readers are told ({@link ContentSwitched}).
 * With files (a content author's machine), the configured folders are read as they are.
 */
@ApplicationScoped
public class ActiveContent {

    private static final Logger LOG = Logger.getLogger(ActiveContent.class);

    /** The folders in use, and the release they hold (null: the configured files, not a release). */
    public record Folders(Long release, String contentHash, Path prompts, Path guardrails, Path corpus, String guardrailsHash) {

        public Folders(Long release, String contentHash, Path prompts, Path guardrails, Path corpus) {
            this(release, contentHash, prompts, guardrails, corpus, null);
        }

        /** Whether the guardrails files are the same as another's (both from releases): no rule set to load again. */
        public boolean sameGuardrailsAs(Folders other) {
            return other != null && guardrailsHash != null && guardrailsHash.equals(other.guardrailsHash);
        }
    }

    private final SymptomConfig config;
    private final ContentStore store;
    private final Event<ContentSwitched> switched;
    private final Path root;
    private volatile Folders current;
    private volatile long seenSeq = -1;
    private final boolean releases;

    public ActiveContent(SymptomConfig config, ContentStore store, Event<ContentSwitched> switched) {
        this.releases = servesReleases(config.content().source(), io.quarkus.runtime.LaunchMode.current());
        if (releases && config.content().source() == SymptomConfig.Content.Source.files) {
            LOG.warn("symptom.content.source=files is for dev mode (a content author's machine); this instance serves the published release");
        }
        this.config = config;
        this.store = store;
        this.switched = switched;
        this.root = Path.of(config.dataDir()).resolve("content");
    }

    /** Whether content comes from releases (else from the configured files: dev mode, and the tests of it). */
    public boolean fromReleases() {
        return releases;
    }

    /**
     * Whether an instance serves releases: always in production (a packaged service never reads, watches or reloads
     * the content folders: content changes only through the console); the configured source in dev and test mode.
     */
    static boolean servesReleases(SymptomConfig.Content.Source configured, io.quarkus.runtime.LaunchMode mode) {
        return configured == SymptomConfig.Content.Source.releases || mode == io.quarkus.runtime.LaunchMode.NORMAL;
    }

    /** The folders in use; on first call, the database's published release (release 1 from the files on a new one). */
    public Folders folders() {
        Folders f = current;
        if (f == null) {
            synchronized (this) {
                if (current == null) {
                    current = start();
                }
                f = current;
            }
        }
        return f;
    }

    /** The content files as configured (the seed of release 1, and what files mode serves). */
    public Map<String, String> configuredFiles() {
        Map<String, String> items = new LinkedHashMap<>();
        items.putAll(folderOrShipped(Path.of(config.chat().promptsDir()), "prompts"));
        items.putAll(folderOrShipped(Path.of(config.triage().dir()), "guardrails"));
        folderOrShipped(Path.of(config.corpus().defaultPath()), "corpus").forEach((path, text) -> {
            if (!config.corpus().ignoreFiles().contains(path.substring(path.lastIndexOf('/') + 1))) {
                items.put(path, text);
            }
        });
        return items;
    }

    /** A content folder's files; when the folder is not there, the copy packaged inside the application. */
    private static Map<String, String> folderOrShipped(Path folder, String root) {
        if (Files.isDirectory(folder)) {
            return ContentFiles.read(folder, root);
        }
        Map<String, String> shipped = ContentFiles.readShipped(root);
        if (!shipped.isEmpty()) {
            LOG.infof("content: no folder %s here; using the copy of %s/ shipped inside the application (%d files)", folder.toAbsolutePath(), root, shipped.size());
        }
        return shipped;
    }

    private Folders start() {
        Folders files = new Folders(null, null, Path.of(config.chat().promptsDir()), Path.of(config.triage().dir()),
                Path.of(config.corpus().defaultPath()));
        // release 1 is written from the files even when they are served as they are: the console starts from it
        try {
            store.seedIfEmpty("system", "Release 1: the content files as shipped", configuredFiles())
                    .ifPresent(r -> LOG.infof("content release 1 written from the files (%d items, %s)", r.items(), r.contentHash().substring(0, 12)));
        } catch (ContentStore.NothingToSeed e) {
            throw new IllegalStateException("The database holds no content release yet, and there are no guardrail files at "
                    + Path.of(config.triage().dir()).toAbsolutePath() + " nor inside the application to write release 1 from: start the service in the project's "
                    + "folder, or set symptom.triage.dir, symptom.chat.prompts-dir and symptom.corpus.default-path.", e);
        }
        if (!fromReleases()) {
            LOG.info("content is read from the configured folders as they are (symptom.content.source=files)");
            return files;
        }
        ContentStore.Published published = store.published();
        seenSeq = published.seq();
        return materialize(published.release());
    }

    /** Checks for a newly published release and switches to it. */
    @Scheduled(every = "${symptom.content.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        if (!fromReleases() || current == null) {
            return;
        }
        ContentStore.Published published;
        try {
            published = store.published();
        } catch (RuntimeException e) {
            LOG.warnf("content: the published release could not be read (%s); serving release %s", e.getClass().getSimpleName(), current.release());
            return;
        }
        if (published.seq() == seenSeq) {
            return;
        }
        switchTo(published);
    }

    /** Serves the published release now (a publish on this instance calls it, the poll finds the others'). */
    public synchronized void refresh() {
        if (fromReleases()) {
            switchTo(store.published());
        }
    }

    private synchronized void switchTo(ContentStore.Published published) {
        if (published.seq() == seenSeq) {
            return;
        }
        Folders before = current;
        Folders next = materialize(published.release());
        seenSeq = published.seq();
        if (before != null && java.util.Objects.equals(before.release(), next.release())) {
            return;
        }
        // the readers switch first; the release counts as served (and replies name it) once they all have
        switched.fire(new ContentSwitched(before, next));
        current = next;
        LOG.infof("content release %d in use (was %s)", next.release(), before == null ? "none" : before.release());
        prune(next);
    }

    private Folders materialize(long release) {
        ContentStore.Release r = store.find(release).orElseThrow(() -> new IllegalStateException("release " + release + " is not in the database"));
        Path folder = root.resolve("release-" + release + "-" + r.contentHash().substring(0, 12));
        Map<String, String> items = store.items(release);
        if (!Files.isDirectory(folder)) {
            ContentFiles.write(items, folder);
        }
        Map<String, String> guardrails = new java.util.TreeMap<>();
        items.forEach((path, text) -> {
            if (path.startsWith("guardrails/")) {
                guardrails.put(path, ContentFiles.sha256(text));
            }
        });
        return new Folders(release, r.contentHash(), folder.resolve("prompts"), folder.resolve("guardrails"), folder.resolve("corpus"),
                ContentFiles.hashOf(guardrails));
    }

    /** Keeps the newest release folders (a reader mid-way through an older one finishes before it goes). */
    private void prune(Folders inUse) {
        int keep = Math.max(1, config.content().keepFolders());
        try (Stream<Path> folders = Files.list(root)) {
            List<Path> old = folders.filter(p -> p.getFileName().toString().startsWith("release-") && !p.getFileName().toString().contains(".part-"))
                    .filter(p -> !inUse.guardrails().startsWith(p))
                    .sorted(Comparator.comparingLong(ActiveContent::number).reversed())
                    .skip(keep - 1L).toList();
            old.forEach(ContentFiles::delete);
        } catch (IOException e) {
            LOG.debugf("content: old release folders not pruned (%s)", e.getClass().getSimpleName());
        }
    }

    private static long number(Path folder) {
        String[] parts = folder.getFileName().toString().split("-");
        try {
            return Long.parseLong(parts[1]);
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
