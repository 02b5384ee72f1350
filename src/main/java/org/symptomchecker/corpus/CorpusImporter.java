package org.symptomchecker.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.embedding.PassageEmbedder;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Imports Markdown folders, JSON Lines and MedQuAD XML through one pipeline. Idempotent: a known id is
 * updated, unchanged content is skipped by hash and unchanged files by the manifest; each document is
 * its own transaction; a bad file or record is reported and the rest imports; a document whose file is
 * gone, or no longer holds it, is retired.
 *
 * <p>A file is read as a stream: its documents are embedded and committed in batches of
 * {@code symptom.corpus.import-batch-size} as they are read, so memory follows the batch, not the file, and a
 * stop mid-file keeps the batches committed. A file counts as imported (its manifest entry is written, and the
 * documents it no longer holds are retired) only once it was read to its end and its last batch committed; a
 * file whose read stopped is read again next time, and its committed documents are then found unchanged by hash.
 */
@ApplicationScoped
public class CorpusImporter {

    private static final Logger LOG = Logger.getLogger(CorpusImporter.class);
    private static final long PROGRESS_EVERY_NS = 10_000_000_000L;

    private final CorpusStore store;
    private final PassageEmbedder embedder;
    private final SymptomConfig config;
    private final PassageSplitter splitter;
    private final int batchSize;
    private volatile ImportReport lastReport;
    private volatile ImportProgress progress = ImportProgress.idle();

    public CorpusImporter(CorpusStore store, PassageEmbedder embedder, SymptomConfig config) {
        this.store = store;
        this.embedder = embedder;
        this.config = config;
        this.splitter = new PassageSplitter(config.corpus().passageWords());
        this.batchSize = Math.max(1, config.corpus().importBatchSize());
    }

    /** The shipped corpus plus every configured path. */
    public List<Path> configuredPaths() {
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of(config.corpus().defaultPath()));
        config.corpus().paths().ifPresent(ps -> ps.stream().filter(p -> !p.isBlank())
                .forEach(p -> roots.add(Path.of(p.strip()))));
        return roots;
    }

    public ImportReport lastReport() {
        return lastReport;
    }

    /** Where the running (or last) import stands. */
    public ImportProgress progress() {
        return progress;
    }

    /**
     * A folder to import, and the name its files' documents are known by: its path on this machine, or, for content
     * that every instance holds in its own folder (a content release's corpus), a name that is the same everywhere.
     */
    public record Root(Path path, String originPrefix) {

        public static Root of(Path path) {
            return new Root(path.toAbsolutePath().normalize(), null);
        }

        /** The name a file of this root is known by. */
        String name(Path file) {
            return originPrefix == null ? file.toString() : originPrefix + path.relativize(file).toString().replace('\\', '/');
        }

        /** The names of this root's files start so. */
        String prefix() {
            return originPrefix != null ? originPrefix : Files.isDirectory(path) ? path + path.getFileSystem().getSeparator() : path.toString();
        }
    }

    /**
     * What is wrong with a corpus file of a content release (a draft's, before it is published), as sentences; empty
     * when it imports. Releases hold Markdown documents; other formats are imported from {@code symptom.corpus.paths}.
     */
    public static List<String> problems(String path, String text) {
        if (CorpusFormat.of(Path.of(path)).orElse(null) != CorpusFormat.MARKDOWN) {
            return List.of(path + ": a content release's corpus holds Markdown documents (.md); other formats are imported from symptom.corpus.paths");
        }
        ParseResult parsed = new MarkdownDocumentParser().parse(path, text);
        List<String> out = new ArrayList<>();
        parsed.rejections().forEach(r -> out.add(path + (r.line() > 0 ? " line " + r.line() : "") + ": " + r.reason()));
        if (out.isEmpty() && parsed.documents().isEmpty()) {
            out.add(path + ": holds no document");
        }
        return out;
    }

    /** Imports every configured path; one import runs at a time. */
    public synchronized ImportReport importConfigured() {
        return importRoots(configuredPaths().stream().map(Root::of).toList());
    }

    /**
     * Imports the shipped corpus from {@code shipped} (a content release's corpus folder) instead of the configured
     * default path, and every other configured path.
     */
    public synchronized ImportReport importConfigured(Root shipped) {
        List<Root> roots = new ArrayList<>();
        roots.add(shipped);
        configuredPaths().stream().skip(1).map(Root::of).forEach(roots::add);
        return importRoots(roots);
    }

    /** Imports only this root (a newly published content release's corpus). */
    public synchronized ImportReport importRoot(Root root) {
        return importRoots(List.of(root));
    }

    private ImportReport importRoots(List<Root> roots) {
        Run run = new Run();
        progress = new ImportProgress(true, 0, 0, 0, 0, run.startedAtMillis, null);
        try {
            for (Root root : roots) {
                importRoot(root, run);
            }
        } finally {
            ImportProgress p = progress;
            progress = new ImportProgress(false, p.filesDone(), p.filesTotal(), run.tally.added + run.tally.updated,
                    run.tally.embedded, p.startedAtMillis(), null);
        }
        ImportReport report = run.tally.report();
        lastReport = report;
        LOG.infof("corpus import: %d added, %d updated, %d unchanged, %d retired, %d rejected; %d files parsed, %d unchanged; %d passages and %d questions embedded in %d ms",
                report.added(), report.updated(), report.unchanged(), report.retired(), report.rejected(),
                report.filesParsed(), report.filesUnchanged(), report.passagesEmbedded(), report.questionsEmbedded(),
                report.durationMs());
        return report;
    }

    private void importRoot(Root from, Run run) {
        Path root = from.path();
        Tally tally = run.tally;
        if (!Files.exists(root)) {
            tally.reject(new Rejection(root.toString(), 0, "path does not exist"));
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> CorpusFormat.of(f).isPresent())
                    .filter(f -> !config.corpus().ignoreFiles().contains(f.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            tally.reject(new Rejection(root.toString(), 0, "folder cannot be listed"));
            return;
        }
        Map<String, ImportManifestEntry> manifest = store.manifestUnder(from.prefix());
        Set<String> present = new HashSet<>();
        run.filesTotal += files.size();
        for (Path file : files) {
            String name = from.name(file);
            present.add(name);
            if (!importFile(file, name, manifest.get(name), run)) {
                run.filesDone++; // nothing more to do for it in this import
                run.reading = null;
            }
            publish(run);
        }
        flush(run);
        // files imported before that are gone now: their documents leave the corpus
        for (String known : manifest.keySet()) {
            if (!present.contains(known) && (from.originPrefix() != null || !Files.exists(Path.of(known)))) {
                for (String id : store.liveIdsFromOrigin(known)) {
                    if (store.retire(id)) {
                        tally.retired++;
                    }
                }
                store.forgetManifest(known);
            }
        }
    }

    /**
     * Reads a changed file, a record at a time, into the run's batches. Once it was read to its end, it is settled
     * (retirement, manifest) after the batch that holds its last documents is committed; a file whose read stopped
     * is not settled, so the next import reads it again. Returns whether the file waits to be settled.
     */
    private boolean importFile(Path file, String name, ImportManifestEntry known, Run run) {
        Tally tally = run.tally;
        long size;
        long modified;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            tally.reject(new Rejection(name, 0, "file cannot be read"));
            return false;
        }
        if (known != null && known.sizeBytes == size && known.modifiedMs == modified) {
            tally.filesUnchanged++;
            return false;
        }
        Reading reading = new Reading(name, size, modified);
        run.reading = reading;
        publish(run); // records unknown while the file is checked and counted
        CorpusFileReader.Scan scan;
        try {
            scan = CorpusFileReader.scan(file);
        } catch (CharacterCodingException e) {
            tally.reject(new Rejection(name, 0, "file is not UTF-8 text"));
            return false;
        } catch (IOException e) {
            tally.reject(new Rejection(name, 0, "file cannot be read"));
            return false;
        }
        if (known != null && scan.sha256().equals(known.contentHash)) {
            store.saveManifest(name, size, modified, scan.sha256()); // touched, not changed
            tally.filesUnchanged++;
            return false;
        }
        tally.filesParsed++;
        CorpusFormat format = CorpusFormat.of(file).orElseThrow();
        if (format == CorpusFormat.JSON_LINES) {
            reading.total = scan.records();
            publish(run);
        }
        try (CorpusFileReader in = CorpusFileReader.open(file)) {
            try {
                if (!readDocuments(in, format, reading, run)) {
                    return false; // a broken edit keeps what the file held before
                }
            } catch (IOException e) {
                // the file changed or failed under us: what was read is committed, the file is read again next time
                tally.reject(new Rejection(name, in.lineNumber() + 1, "file could not be read to its end"
                        + (e instanceof CharacterCodingException ? " (not UTF-8 text here)" : "")
                        + "; it is read again at the next import"));
                return false;
            }
            reading.hash = in.sha256();
        } catch (IOException e) {
            tally.reject(new Rejection(name, 0, "file cannot be read"));
            return false;
        }
        if (run.batch.documents.isEmpty()) {
            settle(reading, run);
        } else {
            run.batch.settleAfter.add(reading);
        }
        return true;
    }

    /** Hands the file's documents to the batches as they are read; false when the file cannot be read as its format. */
    private boolean readDocuments(CorpusFileReader in, CorpusFormat format, Reading reading, Run run) throws IOException {
        if (format == CorpusFormat.JSON_LINES) {
            new JsonLinesDocumentParser().read(reading.name, in, d -> accept(run, reading, d), r -> refuse(run, reading, r));
            return true;
        }
        // one Markdown document, or a MedQuAD file's handful of question-answer pairs: small enough to parse whole
        String content = in.readAll();
        ParseResult parsed = format == CorpusFormat.MARKDOWN
                ? new MarkdownDocumentParser().parse(reading.name, content)
                : new MedQuadDocumentParser(medquadStatus()).parse(reading.name, content);
        reading.total = parsed.documents().size() + parsed.rejections().size();
        publish(run);
        parsed.rejections().forEach(r -> refuse(run, reading, r));
        if (!parsed.fileReadable()) {
            return false;
        }
        parsed.documents().forEach(d -> accept(run, reading, d));
        return true;
    }

    private void accept(Run run, Reading reading, ParsedDocument doc) {
        reading.records++;
        reading.held.add(doc.id());
        String firstFile = run.tally.seenIds.putIfAbsent(doc.id(), reading.name);
        if (firstFile != null && !firstFile.equals(reading.name)) {
            run.tally.reject(new Rejection(reading.name, doc.line(), "id '" + doc.id() + "' was already imported from " + firstFile));
            return;
        }
        run.batch.documents.add(new Read(reading.name, doc));
        if (run.batch.documents.size() >= batchSize) {
            flush(run);
        }
    }

    private void refuse(Run run, Reading reading, Rejection why) {
        reading.records++;
        run.tally.reject(why);
    }

    /** A file read to its end, whose documents are all committed: retire what it no longer holds, record it as imported. */
    private void settle(Reading file, Run run) {
        for (String id : store.liveIdsFromOrigin(file.name)) {
            if (!file.held.contains(id) && store.retire(id)) {
                run.tally.retired++;
            }
        }
        store.saveManifest(file.name, file.size, file.modified, file.hash);
        run.filesDone++;
        if (run.reading == file) {
            run.reading = null;
        }
    }

    /** The documents of a batch that are new or changed, with their passages and the embeddings they still need. */
    private List<Pending> pendingDocuments(List<Read> reads, Tally tally) {
        Map<String, StoredDocument> existing = store.existing(reads.stream().map(r -> r.doc().id()).toList());
        List<Pending> pending = new ArrayList<>();
        for (Read read : reads) {
            ParsedDocument doc = read.doc();
            String hash = contentHash(doc);
            StoredDocument stored = existing.get(doc.id());
            if (stored != null && hash.equals(stored.contentHash()) && read.origin().equals(stored.origin())) {
                tally.unchanged++;
                continue;
            }
            Map<String, byte[]> reusable = stored == null ? Map.of() : store.embeddingsOf(doc.id());
            List<Slot> slots = new ArrayList<>();
            for (PassageSplitter.Chunk chunk : splitter.split(doc.text())) {
                String input = embeddingInputFor(doc.title(), chunk.text());
                String textHash = Hashes.sha256(input);
                byte[] vector = reusable.get(textHash);
                slots.add(new Slot(chunk, textHash, vector,
                        vector == null && doc.status() == DocumentStatus.APPROVED ? input : null));
            }
            String question = doc.status() == DocumentStatus.APPROVED && QuestionTitles.isQuestion(doc.title(), doc.source())
                    ? doc.title() : null;
            pending.add(new Pending(read.origin(), doc, hash, stored, slots, question));
        }
        return pending;
    }

    /**
     * Commits the run's batch: embeds what its documents need in one parallel call, stores each document in its own
     * transaction, then settles the files whose last documents it held.
     */
    private void flush(Run run) {
        Batch batch = run.batch;
        run.batch = new Batch();
        Tally tally = run.tally;
        List<Pending> pending = pendingDocuments(batch.documents, tally);
        List<String> toEmbed = new ArrayList<>();
        pending.forEach(p -> p.slots().forEach(s -> {
            if (s.toEmbed() != null) {
                toEmbed.add(s.toEmbed());
            }
        }));
        List<float[]> vectors = embedder.embedPassages(toEmbed);
        tally.embedded += vectors.size();
        List<String> questions = pending.stream().map(Pending::question).filter(q -> q != null).toList();
        List<float[]> questionVectors = embedder.embedQuestions(questions);
        tally.questionsEmbedded += questionVectors.size();
        int nextQuestion = 0;
        int next = 0;
        for (Pending p : pending) {
            List<CorpusStore.NewPassage> passages = new ArrayList<>();
            for (Slot s : p.slots()) {
                byte[] vector = s.toEmbed() != null ? VectorCodec.encode(vectors.get(next++)) : s.vector();
                passages.add(new CorpusStore.NewPassage(s.chunk(), s.textHash(), vector));
            }
            byte[] question = p.question() == null ? null : VectorCodec.encode(questionVectors.get(nextQuestion++));
            store(p.origin(), p, passages, question, tally);
        }
        if (run.reading != null) {
            run.reading.settled(); // every record read so far is now committed or refused
        }
        for (Reading file : batch.settleAfter) {
            settle(file, run);
        }
        publish(run);
    }

    /** Makes the run's counts visible to readiness, and logs them every 10 s. */
    private void publish(Run run) {
        Reading r = run.reading;
        ImportProgress p = new ImportProgress(true, run.filesDone, run.filesTotal, run.tally.added + run.tally.updated,
                run.tally.embedded, run.startedAtMillis,
                r == null ? null : r.progress());
        progress = p;
        if (System.nanoTime() - run.loggedAt > PROGRESS_EVERY_NS) {
            run.loggedAt = System.nanoTime();
            long now = System.currentTimeMillis();
            String inFile = p.file() == null ? "" : String.format(java.util.Locale.ROOT,
                    "; %s: %s records, %.1f records/s, about %s s left in this file",
                    Path.of(p.file().name()).getFileName(), p.file().describe(), p.file().perSecond(now),
                    ImportProgress.seconds(p.file().secondsLeft(now)));
            LOG.infof("importing: %d of %d files%s; %d documents added, %d updated, %d passages embedded; %.1f files/s, about %s s left",
                    p.filesDone(), p.filesTotal(), inFile, run.tally.added, run.tally.updated, run.tally.embedded,
                    p.filesPerSecond(now), ImportProgress.seconds(p.secondsLeft(now)));
        }
    }

    private void store(String origin, Pending p, List<CorpusStore.NewPassage> passages, byte[] question, Tally tally) {
        try {
            switch (store.write(p.doc(), origin, p.hash(), passages, question)) {
                case ADDED -> tally.added++;
                case UPDATED -> {
                    boolean retiring = p.doc().status() == DocumentStatus.RETIRED
                            && (p.before() == null || p.before().status() != DocumentStatus.RETIRED);
                    if (retiring) {
                        tally.retired++;
                    } else {
                        tally.updated++;
                    }
                }
                case UNCHANGED -> tally.unchanged++;
            }
        } catch (RuntimeException e) {
            LOG.warnf("document %s from %s could not be stored: %s", p.doc().id(), origin, e.getClass().getSimpleName());
            tally.reject(new Rejection(origin, p.doc().line(), "document '" + p.doc().id() + "' could not be stored"));
        }
    }

    /** Title in front of each chunk: the model then knows what the passage is about. */
    public static String embeddingInputFor(String title, String chunk) {
        return title + "\n" + chunk;
    }

    private static String contentHash(ParsedDocument d) {
        return Hashes.sha256(d.title(), d.text(), d.url(), d.source(), d.status().name(), d.reviewedBy(),
                d.reviewedOn(), String.join(",", d.topics()));
    }

    private DocumentStatus medquadStatus() {
        return DocumentStatus.parse(config.corpus().medquadStatus()).orElseThrow(() ->
                new IllegalStateException("symptom.corpus.medquad-status must be approved, draft or retired"));
    }

    /** A passage to store; {@code toEmbed} is its embedding input when it still needs a vector. */
    private record Slot(PassageSplitter.Chunk chunk, String textHash, byte[] vector, String toEmbed) {
    }

    /** A new or changed document; {@code question} is its title question to embed, null when it has none to embed. */
    private record Pending(String origin, ParsedDocument doc, String hash, StoredDocument before, List<Slot> slots,
                           String question) {
    }

    /** A document as read, with the file it came from. */
    private record Read(String origin, ParsedDocument doc) {
    }

    /** A file being read: what it holds so far (ids only, to retire what it no longer holds) and how far it is. */
    private static final class Reading {
        /** The rate shown is over about this long, so that it follows what the import is doing now. */
        private static final long RATE_WINDOW_MS = 60_000;

        final String name;
        final long size;
        final long modified;
        final Set<String> held = new HashSet<>();
        /** When records were settled lately, oldest first: {millis, records settled}, over the last RATE_WINDOW_MS. */
        private final ArrayDeque<long[]> lately = new ArrayDeque<>();
        String hash;
        long records;
        long settled;
        long total = ImportProgress.UNKNOWN;

        Reading(String name, long size, long modified) {
            this.name = name;
            this.size = size;
            this.modified = modified;
            lately.add(new long[] {System.currentTimeMillis(), 0});
        }

        void settled() {
            long now = System.currentTimeMillis();
            settled = records;
            lately.addLast(new long[] {now, settled});
            // keep one mark older than the window, so that the window is always spanned
            while (lately.size() > 2 && now - second()[0] > RATE_WINDOW_MS) {
                lately.removeFirst();
            }
        }

        private long[] second() {
            Iterator<long[]> marks = lately.iterator();
            marks.next();
            return marks.next();
        }

        ImportProgress.InFile progress() {
            long[] from = lately.getFirst();
            return new ImportProgress.InFile(name, settled, total, from[0], from[1]);
        }
    }

    /**
     * Documents read and not yet committed (at most a batch, from one file or several), and the files read to their
     * end whose last documents are among them.
     */
    private static final class Batch {
        final List<Read> documents = new ArrayList<>();
        final List<Reading> settleAfter = new ArrayList<>();
    }

    /** One import: its counts, the open batch, and the file being read. */
    private static final class Run {
        final Tally tally = new Tally();
        final long startedAtMillis = System.currentTimeMillis();
        Batch batch = new Batch();
        Reading reading;
        int filesDone;
        int filesTotal;
        long loggedAt = System.nanoTime();
    }

    /** Counts for one import. */
    private static final class Tally {
        private final long started = System.nanoTime();
        int added;
        int updated;
        int unchanged;
        int retired;
        int rejected;
        int filesParsed;
        int filesUnchanged;
        long embedded;
        long questionsEmbedded;
        final List<Rejection> rejections = new ArrayList<>();
        /** Ids imported in this run, with their file: the same id from a second file is refused. */
        final Map<String, String> seenIds = new HashMap<>();

        void reject(Rejection r) {
            rejected++;
            if (rejections.size() < ImportReport.MAX_LISTED_REJECTIONS) {
                rejections.add(r);
            }
        }

        ImportReport report() {
            return new ImportReport(added, updated, unchanged, retired, rejected, List.copyOf(rejections),
                    filesParsed, filesUnchanged, embedded, questionsEmbedded, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
