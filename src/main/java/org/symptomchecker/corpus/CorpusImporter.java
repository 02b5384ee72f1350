package org.symptomchecker.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.embedding.PassageEmbedder;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 */
@ApplicationScoped
public class CorpusImporter {

    private static final Logger LOG = Logger.getLogger(CorpusImporter.class);
    /** Passages embedded in one parallel call. */
    private static final int EMBED_BATCH = 64;
    /** Files stored together at most, so that progress is kept even when little needs embedding. */
    private static final int FILE_BATCH = 200;
    private static final long PROGRESS_EVERY_NS = 10_000_000_000L;

    private final CorpusStore store;
    private final PassageEmbedder embedder;
    private final SymptomConfig config;
    private final PassageSplitter splitter;
    private volatile ImportReport lastReport;

    public CorpusImporter(CorpusStore store, PassageEmbedder embedder, SymptomConfig config) {
        this.store = store;
        this.embedder = embedder;
        this.config = config;
        this.splitter = new PassageSplitter(config.corpus().passageWords());
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

    /**
     * Where the running (or last) import stands: files done of those found so far, documents stored, passages
     * embedded, since when; readiness shows it and a log line repeats it every 10 s.
     */
    public record Progress(boolean running, int filesDone, int filesTotal, long documents, long passagesEmbedded, long startedAtMillis) {
        /** Files a second since the import began (0 before the first file is done). */
        public double filesPerSecond() {
            long elapsed = System.currentTimeMillis() - startedAtMillis;
            return elapsed <= 0 || filesDone == 0 ? 0 : filesDone * 1000.0 / elapsed;
        }

        /** Seconds left at the rate so far, or -1 when it cannot be told yet. */
        public long secondsLeft() {
            double rate = filesPerSecond();
            return !running || rate == 0 ? -1 : Math.round((filesTotal - filesDone) / rate);
        }
    }

    private volatile Progress progress = new Progress(false, 0, 0, 0, 0, 0);

    public Progress progress() {
        return progress;
    }

    /** Imports every configured path; one import runs at a time. */
    public synchronized ImportReport importConfigured() {
        Tally tally = new Tally();
        progress = new Progress(true, 0, 0, 0, 0, System.currentTimeMillis());
        try {
            for (Path root : configuredPaths()) {
                importRoot(root.toAbsolutePath().normalize(), tally);
            }
        } finally {
            Progress p = progress;
            progress = new Progress(false, p.filesDone(), p.filesTotal(), tally.added + tally.updated, tally.embedded, p.startedAtMillis());
        }
        ImportReport report = tally.report();
        lastReport = report;
        LOG.infof("corpus import: %d added, %d updated, %d unchanged, %d retired, %d rejected; %d files parsed, %d unchanged; %d passages embedded in %d ms",
                report.added(), report.updated(), report.unchanged(), report.retired(), report.rejected(),
                report.filesParsed(), report.filesUnchanged(), report.passagesEmbedded(), report.durationMs());
        return report;
    }

    private void importRoot(Path root, Tally tally) {
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
        String prefix = Files.isDirectory(root) ? root + root.getFileSystem().getSeparator() : root.toString();
        Map<String, ImportManifestEntry> manifest = store.manifestUnder(prefix);
        Set<String> present = new HashSet<>();
        Batch batch = new Batch();
        long lastProgress = System.nanoTime();
        int filesBefore = progress.filesDone();
        int totalBefore = progress.filesTotal();
        for (Path file : files) {
            present.add(file.toString());
            PreparedFile prepared = prepareFile(file, manifest.get(file.toString()), tally);
            if (prepared != null) {
                batch.add(prepared);
            }
            if (batch.toEmbed.size() >= EMBED_BATCH || batch.files.size() >= FILE_BATCH) {
                flush(batch, tally);
                batch = new Batch();
            }
            Progress p = new Progress(true, filesBefore + present.size(), totalBefore + files.size(), tally.added + tally.updated,
                    tally.embedded, progress.startedAtMillis());
            progress = p;
            if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NS) {
                lastProgress = System.nanoTime();
                LOG.infof("importing %s: %d of %d files, %d documents added, %d updated, %d passages embedded; %.1f files/s, about %d s left",
                        root.getFileName(), present.size(), files.size(), tally.added, tally.updated, tally.embedded,
                        p.filesPerSecond(), p.secondsLeft());
            }
        }
        flush(batch, tally);
        // files imported before that are gone now: their documents leave the corpus
        for (String known : manifest.keySet()) {
            if (!present.contains(known) && !Files.exists(Path.of(known))) {
                for (String id : store.liveIdsFromOrigin(known)) {
                    if (store.retire(id)) {
                        tally.retired++;
                    }
                }
                store.forgetManifest(known);
            }
        }
    }

    /** Reads and parses a changed file and works out what to embed; null when there is nothing to store. */
    private PreparedFile prepareFile(Path file, ImportManifestEntry known, Tally tally) {
        String name = file.toString();
        long size;
        long modified;
        byte[] bytes;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
            if (known != null && known.sizeBytes == size && known.modifiedMs == modified) {
                tally.filesUnchanged++;
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            tally.reject(new Rejection(name, 0, "file cannot be read"));
            return null;
        }
        String fileHash = Hashes.sha256(bytes);
        if (known != null && fileHash.equals(known.contentHash)) {
            store.saveManifest(name, size, modified, fileHash); // touched, not changed
            tally.filesUnchanged++;
            return null;
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            tally.reject(new Rejection(name, 0, "file is not UTF-8 text"));
            return null;
        }
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
        ParseResult parsed = switch (CorpusFormat.of(file).orElseThrow()) {
            case MARKDOWN -> new MarkdownDocumentParser().parse(name, content);
            case JSON_LINES -> new JsonLinesDocumentParser().parse(name, content);
            case MEDQUAD_XML -> new MedQuadDocumentParser(medquadStatus()).parse(name, content);
        };
        tally.filesParsed++;
        parsed.rejections().forEach(tally::reject);
        if (!parsed.fileReadable()) {
            return null; // a broken edit keeps what the file held before
        }
        Set<String> held = new HashSet<>();
        parsed.documents().forEach(d -> held.add(d.id()));
        return new PreparedFile(name, size, modified, fileHash, held, pendingDocuments(name, parsed.documents(), tally));
    }

    /** The documents of a file that are new or changed, with their passages and the embeddings they still need. */
    private List<Pending> pendingDocuments(String origin, List<ParsedDocument> parsed, Tally tally) {
        List<ParsedDocument> docs = new ArrayList<>();
        for (ParsedDocument doc : parsed) {
            String firstFile = tally.seenIds.putIfAbsent(doc.id(), origin);
            if (firstFile != null && !firstFile.equals(origin)) {
                tally.reject(new Rejection(origin, doc.line(), "id '" + doc.id() + "' was already imported from " + firstFile));
            } else {
                docs.add(doc);
            }
        }
        Map<String, StoredDocument> existing = store.existing(docs.stream().map(ParsedDocument::id).toList());
        List<Pending> pending = new ArrayList<>();
        for (ParsedDocument doc : docs) {
            String hash = contentHash(doc);
            StoredDocument stored = existing.get(doc.id());
            if (stored != null && hash.equals(stored.contentHash()) && origin.equals(stored.origin())) {
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
            pending.add(new Pending(doc, hash, stored, slots));
        }
        return pending;
    }

    /** Embeds what a batch of files needs in one parallel call, then stores each document in its own transaction. */
    private void flush(Batch batch, Tally tally) {
        List<float[]> vectors = embedder.embedPassages(batch.toEmbed);
        tally.embedded += vectors.size();
        int next = 0;
        for (PreparedFile file : batch.files) {
            for (Pending p : file.pending()) {
                List<CorpusStore.NewPassage> passages = new ArrayList<>();
                for (Slot s : p.slots()) {
                    byte[] vector = s.toEmbed() != null ? VectorCodec.encode(vectors.get(next++)) : s.vector();
                    passages.add(new CorpusStore.NewPassage(s.chunk(), s.textHash(), vector));
                }
                store(file.name(), p, passages, tally);
            }
            for (String id : store.liveIdsFromOrigin(file.name())) {
                if (!file.held().contains(id) && store.retire(id)) {
                    tally.retired++;
                }
            }
            store.saveManifest(file.name(), file.size(), file.modified(), file.hash());
        }
    }

    private void store(String origin, Pending p, List<CorpusStore.NewPassage> passages, Tally tally) {
        try {
            switch (store.write(p.doc(), origin, p.hash(), passages)) {
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

    private record Pending(ParsedDocument doc, String hash, StoredDocument before, List<Slot> slots) {
    }

    private record PreparedFile(String name, long size, long modified, String hash, Set<String> held, List<Pending> pending) {
    }

    /** Files whose passages are embedded together, so both cores stay busy. */
    private static final class Batch {
        final List<PreparedFile> files = new ArrayList<>();
        final List<String> toEmbed = new ArrayList<>();

        void add(PreparedFile file) {
            files.add(file);
            file.pending().forEach(p -> p.slots().forEach(s -> {
                if (s.toEmbed() != null) {
                    toEmbed.add(s.toEmbed());
                }
            }));
        }
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
                    filesParsed, filesUnchanged, embedded, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
