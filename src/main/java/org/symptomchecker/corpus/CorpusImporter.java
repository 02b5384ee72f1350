package org.symptomchecker.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.retrieval.PassageEmbedder;

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

    /** Imports every configured path; one import runs at a time. */
    public synchronized ImportReport importConfigured() {
        Tally tally = new Tally();
        for (Path root : configuredPaths()) {
            importRoot(root.toAbsolutePath().normalize(), tally);
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
        for (Path file : files) {
            present.add(file.toString());
            importFile(file, manifest.get(file.toString()), tally);
        }
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

    private void importFile(Path file, ImportManifestEntry known, Tally tally) {
        String name = file.toString();
        long size;
        long modified;
        byte[] bytes;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
            if (known != null && known.sizeBytes == size && known.modifiedMs == modified) {
                tally.filesUnchanged++;
                return;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            tally.reject(new Rejection(name, 0, "file cannot be read"));
            return;
        }
        String fileHash = Hashes.sha256(bytes);
        if (known != null && fileHash.equals(known.contentHash)) {
            store.saveManifest(name, size, modified, fileHash); // touched, not changed
            tally.filesUnchanged++;
            return;
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            tally.reject(new Rejection(name, 0, "file is not UTF-8 text"));
            return;
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
            return; // a broken edit keeps what the file held before
        }
        storeDocuments(name, parsed.documents(), tally);
        Set<String> held = new HashSet<>();
        parsed.documents().forEach(d -> held.add(d.id()));
        for (String id : store.liveIdsFromOrigin(name)) {
            if (!held.contains(id) && store.retire(id)) {
                tally.retired++;
            }
        }
        store.saveManifest(name, size, modified, fileHash);
    }

    private void storeDocuments(String origin, List<ParsedDocument> parsed, Tally tally) {
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
        List<String> toEmbed = new ArrayList<>();
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
                int embedAt = -1;
                if (vector == null && doc.status() == DocumentStatus.APPROVED) {
                    embedAt = toEmbed.size();
                    toEmbed.add(input);
                }
                slots.add(new Slot(chunk, textHash, vector, embedAt));
            }
            pending.add(new Pending(doc, hash, slots));
        }
        List<float[]> vectors = embedder.embedPassages(toEmbed);
        tally.embedded += vectors.size();
        for (Pending p : pending) {
            List<CorpusStore.NewPassage> passages = new ArrayList<>();
            for (Slot s : p.slots()) {
                byte[] vector = s.embedAt() >= 0 ? VectorCodec.encode(vectors.get(s.embedAt())) : s.vector();
                passages.add(new CorpusStore.NewPassage(s.chunk(), s.textHash(), vector));
            }
            try {
                switch (store.write(p.doc(), origin, p.hash(), passages)) {
                    case ADDED -> tally.added++;
                    case UPDATED -> {
                        StoredDocument before = existing.get(p.doc().id());
                        boolean retiring = p.doc().status() == DocumentStatus.RETIRED
                                && (before == null || before.status() != DocumentStatus.RETIRED);
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

    private record Slot(PassageSplitter.Chunk chunk, String textHash, byte[] vector, int embedAt) {
    }

    private record Pending(ParsedDocument doc, String hash, List<Slot> slots) {
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
