package org.symptomchecker.retrieval;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The on-disk Lucene index of approved passages: BM25 over text and title, HNSW over bge vectors. It is
 * derived from the database and remembers, in its commit data, the last corpus change it applied.
 */
@ApplicationScoped
public class PassageIndex {

    private static final Logger LOG = Logger.getLogger(PassageIndex.class);
    static final String PASSAGE_ID = "pid";
    static final String DOCUMENT_ID = "doc";
    static final String TITLE = "title";
    static final String TEXT = "text";
    public static final String TEXT_FIELD = TEXT;
    static final String URL = "url";
    static final String SECTION = "section";
    static final String ORDINAL = "ordinal";
    static final String VECTOR = "vec";
    /** The title question's vector, on the first passage of a question-answer document only. */
    static final String QUESTION_VECTOR = "qvec";
    private static final String APPLIED_SEQ = "appliedChangeSeq";
    /** The layout of the index's fields; an index of another layout is rebuilt from the database. */
    private static final String LAYOUT = "layout";
    private static final String LAYOUT_VERSION = "4"; // 4: question vectors (qvec)
    private static final float TITLE_BOOST = 1.5f;

    private final Path dir;
    private final ClinicalAnalyzer indexAnalyzer = ClinicalAnalyzer.forIndex();
    private final ClinicalAnalyzer queryAnalyzer = ClinicalAnalyzer.forQueries();
    private Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;
    private volatile long appliedSeq;
    private volatile boolean rebuiltOnOpen;

    public PassageIndex(SymptomConfig config) {
        this.maxQueryWords = config.index().maxQueryWords();
        this.documentCache = config.index().documentCache();
        if (documentCache < 0) {
            throw new IllegalStateException("symptom.index.document-cache must be 0 (none) or more");
        }
        this.dir = Path.of(config.index().dir().orElse(Path.of(config.dataDir(), "index").toString()));
        open();
    }

    /** A candidate from one of the two searches, with Lucene's document number for fetching it. */
    public record Candidate(int luceneDoc, String documentId, float score) {
    }

    private synchronized void open() {
        try {
            Files.createDirectories(dir);
            try {
                openAt();
            } catch (IOException | RuntimeException e) {
                // a damaged index is only a cache of the database: start it again
                LOG.warnf("search index at %s cannot be opened (%s); rebuilding it from the database", dir, e.getClass().getSimpleName());
                closeQuietly();
                deleteContents(dir);
                openAt();
                rebuiltOnOpen = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + dir, e);
        }
    }

    private void openAt() throws IOException {
        directory = FSDirectory.open(dir);
        boolean existed = DirectoryReader.indexExists(directory);
        IndexWriterConfig iwc = new IndexWriterConfig(indexAnalyzer);
        iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        iwc.setRAMBufferSizeMB(64);
        writer = new IndexWriter(directory, iwc);
        Map<String, String> commitData = new java.util.HashMap<>();
        writer.getLiveCommitData().forEach(e -> commitData.put(e.getKey(), e.getValue()));
        appliedSeq = Long.parseLong(commitData.getOrDefault(APPLIED_SEQ, "0"));
        if (existed && !LAYOUT_VERSION.equals(commitData.get(LAYOUT))) {
            LOG.infof("search index at %s has an older layout; rebuilding it from the database", dir);
            writer.deleteAll();
            existed = false;
        }
        if (!existed) {
            rebuiltOnOpen = true;
            appliedSeq = 0;
            writer.setLiveCommitData(Map.of(APPLIED_SEQ, "0", LAYOUT, LAYOUT_VERSION).entrySet());
            writer.commit();
        }
        searchers = new SearcherManager(writer, null);
    }

    /** The last corpus change this index reflects. */
    public long appliedSeq() {
        return appliedSeq;
    }

    /** True when the index had to start empty (first start, deleted or damaged index). */
    public boolean rebuiltOnOpen() {
        return rebuiltOnOpen;
    }

    public Path directory() {
        return dir;
    }

    /** Removes every passage of a document; its approved passages are added again by {@link #add}. */
    public void removeDocument(String documentId) {
        try {
            writer.deleteDocuments(new Term(DOCUMENT_ID, documentId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void add(IndexedPassage p) {
        Document doc = new Document();
        doc.add(new StringField(PASSAGE_ID, p.passageId(), Field.Store.YES));
        doc.add(new StringField(DOCUMENT_ID, p.documentId(), Field.Store.YES));
        doc.add(new SortedDocValuesField(DOCUMENT_ID, new BytesRef(p.documentId()))); // read per candidate, cheaply
        doc.add(new TextField(TITLE, p.title(), Field.Store.YES));
        doc.add(new TextField(TEXT, p.text(), Field.Store.YES));
        if (p.url() != null) {
            doc.add(new StoredField(URL, p.url()));
        }
        doc.add(new StoredField(SECTION, p.section() == null ? "" : p.section()));
        doc.add(new StoredField(ORDINAL, p.ordinal()));
        doc.add(new KnnFloatVectorField(VECTOR, p.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        if (p.questionVector() != null) {
            doc.add(new KnnFloatVectorField(QUESTION_VECTOR, p.questionVector(), VectorSimilarityFunction.DOT_PRODUCT));
        }
        try {
            writer.addDocument(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the changes durable and visible, recording the corpus change they bring the index up to. */
    public synchronized void commit(long seq) {
        try {
            writer.setLiveCommitData(Map.of(APPLIED_SEQ, Long.toString(seq), LAYOUT, LAYOUT_VERSION).entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
            appliedSeq = seq;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Merges the index into one segment: each segment has its own HNSW graph, so a query over many
     * segments costs that many graph searches. Worth it after a large import, not after small changes.
     */
    public synchronized void mergeSegments() {
        try {
            long started = System.nanoTime();
            writer.forceMerge(1);
            writer.commit();
            searchers.maybeRefreshBlocking();
            LOG.infof("search index merged into one segment in %d ms", (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties the index, to be filled again from the database. */
    public synchronized void clear() {
        try {
            writer.deleteAll();
            writer.setLiveCommitData(Map.of(APPLIED_SEQ, "0", LAYOUT, LAYOUT_VERSION).entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
            appliedSeq = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every passage of one document, in the document's order; empty when it is not in the index. */
    public java.util.List<DocumentPassage> passagesOf(String documentId) {
        return passagesOf(documentId, null);
    }

    /** A document's passages in order, each with its similarity to {@code query} (NaN when the query is null). */
    public java.util.List<DocumentPassage> passagesOf(String documentId, float[] query) {
        return passagesOf(documentId, query, Set.of());
    }

    /**
     * A document's passages in order, each with its similarity to {@code query} (NaN when the query is null) and
     * which of {@code terms} (the index analyzer's terms, as {@link ClinicalAnalyzer#terms} gives them) its text
     * holds. The index answers that from its postings: the passage's text is not analysed again.
     */
    public java.util.List<DocumentPassage> passagesOf(String documentId, float[] query, Set<String> terms) {
        return read(searcher -> {
            java.util.List<KeptPassage> passages = documentPassages(searcher, documentId);
            int[] docs = passages.stream().mapToInt(KeptPassage::luceneDoc).toArray();
            float[] similarity = query == null ? null : similarities(searcher, docs, query);
            java.util.List<Set<String>> held = termsHeld(searcher, docs, terms);
            java.util.List<DocumentPassage> out = new java.util.ArrayList<>(passages.size());
            for (int i = 0; i < passages.size(); i++) {
                DocumentPassage p = passages.get(i).passage();
                out.add(new DocumentPassage(p.passageId(), p.documentId(), p.title(), p.url(), p.section(), p.ordinal(), p.text(),
                        similarity == null ? Float.NaN : similarity[i], held.get(i)));
            }
            return out;
        });
    }

    /** For each passage (Lucene doc), the terms of {@code terms} its indexed text holds, read from the postings. */
    private static java.util.List<Set<String>> termsHeld(IndexSearcher searcher, int[] docs, Set<String> terms) throws IOException {
        java.util.List<Set<String>> out = new java.util.ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            out.add(terms.isEmpty() ? Set.of() : new java.util.HashSet<>());
        }
        if (terms.isEmpty() || docs.length == 0) {
            return out;
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Integer[] order = inDocOrder(docs);
        int start = 0;
        while (start < order.length) {
            // the passages in one segment, in doc order: each term's postings are walked forward once per segment
            int li = ReaderUtil.subIndex(docs[order[start]], leaves);
            LeafReaderContext leaf = leaves.get(li);
            int end = start;
            while (end < order.length && ReaderUtil.subIndex(docs[order[end]], leaves) == li) {
                end++;
            }
            org.apache.lucene.index.Terms fieldTerms = leaf.reader().terms(TEXT);
            if (fieldTerms != null) {
                org.apache.lucene.index.TermsEnum te = fieldTerms.iterator();
                for (String term : terms) {
                    if (!te.seekExact(new BytesRef(term))) {
                        continue;
                    }
                    org.apache.lucene.index.PostingsEnum postings = te.postings(null, org.apache.lucene.index.PostingsEnum.NONE);
                    for (int k = start; k < end; k++) {
                        int local = docs[order[k]] - leaf.docBase;
                        int at = postings.docID() >= local ? postings.docID() : postings.advance(local);
                        if (at == local) {
                            out.get(order[k]).add(term);
                        }
                        if (at == org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
                            break;
                        }
                    }
                }
            }
            start = end;
        }
        return out;
    }

    /** A stored passage of a document as this view of the index holds it (its similarity not yet known). */
    private record KeptPassage(int luceneDoc, DocumentPassage passage) {
    }

    /** The passages of each recently read document, for one view of the index (a new view starts an empty map). */
    private record KeptDocuments(org.apache.lucene.index.IndexReader reader,
                                 org.symptomchecker.embedding.KeptByText<java.util.List<KeptPassage>> documents) {
    }

    private final int documentCache;
    private volatile KeptDocuments keptDocuments;

    /** A document's passages in the document's order, read from this view of the index or kept from an earlier read of it. */
    private java.util.List<KeptPassage> documentPassages(IndexSearcher searcher, String documentId) throws IOException {
        KeptDocuments kept = documentCache == 0 ? null : keptDocuments;
        if (kept != null && kept.reader() != searcher.getIndexReader()) {
            kept = null;
        }
        java.util.List<KeptPassage> passages = kept == null ? null : kept.documents().get(documentId);
        if (passages != null) {
            return passages;
        }
        org.apache.lucene.search.TopDocs top = searcher.search(new org.apache.lucene.search.TermQuery(
                new org.apache.lucene.index.Term(DOCUMENT_ID, documentId)), 1000);
        org.apache.lucene.index.StoredFields stored = searcher.storedFields();
        java.util.List<KeptPassage> read = new java.util.ArrayList<>(top.scoreDocs.length);
        for (org.apache.lucene.search.ScoreDoc hit : top.scoreDocs) {
            Document d = stored.document(hit.doc);
            IndexableField ordinal = d.getField(ORDINAL);
            read.add(new KeptPassage(hit.doc, new DocumentPassage(d.get(PASSAGE_ID), d.get(DOCUMENT_ID), d.get(TITLE), d.get(URL),
                    d.get(SECTION) == null ? "" : d.get(SECTION), ordinal == null ? 0 : ordinal.numericValue().intValue(), d.get(TEXT),
                    Float.NaN, Set.of())));
        }
        read.sort(Comparator.comparingInt(p -> p.passage().ordinal()));
        passages = java.util.List.copyOf(read);
        if (documentCache > 0) {
            if (kept == null) {
                kept = new KeptDocuments(searcher.getIndexReader(), new org.symptomchecker.embedding.KeptByText<>(documentCache));
                keptDocuments = kept;
            }
            kept.documents().put(documentId, passages);
        }
        return passages;
    }

    public int passageCount() {
        return writer.getDocStats().numDocs;
    }

    public long sizeOnDiskBytes() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    public ClinicalAnalyzer queryAnalyzer() {
        return queryAnalyzer;
    }

    public ClinicalAnalyzer indexAnalyzer() {
        return indexAnalyzer;
    }

    /** Runs a read against one consistent view of the index. */
    public <T> T read(SearcherFunction<T> fn) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return fn.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A read of the index. */
    @FunctionalInterface
    public interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private final int maxQueryWords;

    /** BM25 over passage text and (weighted up) title; null when the query has no searchable word. */
    public Query bm25Query(String text) {
        text = distinctWords(text, maxQueryWords);
        QueryBuilder builder = new QueryBuilder(queryAnalyzer);
        Query body = builder.createBooleanQuery(TEXT, text, BooleanClause.Occur.SHOULD);
        Query title = builder.createBooleanQuery(TITLE, text, BooleanClause.Occur.SHOULD);
        if (body == null && title == null) {
            return null;
        }
        // one flat disjunction of every word of both fields (the same sum of scores as two nested ones): Lucene's
        // MaxScore then skips documents word by word, where nested disjunctions scored every document a common
        // word such as "what" matches in the titles
        BooleanQuery.Builder both = new BooleanQuery.Builder();
        addWords(both, body, 1f);
        addWords(both, title, TITLE_BOOST);
        return both.build();
    }

    private static void addWords(BooleanQuery.Builder to, Query words, float boost) {
        if (words == null) {
            return;
        }
        if (words instanceof BooleanQuery b && b.getMinimumNumberShouldMatch() == 0
                && b.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.SHOULD)) {
            for (BooleanClause c : b.clauses()) {
                to.add(boost == 1f ? c.getQuery() : new BoostQuery(c.getQuery(), boost), BooleanClause.Occur.SHOULD);
            }
        } else {
            to.add(boost == 1f ? words : new BoostQuery(words, boost), BooleanClause.Occur.SHOULD);
        }
    }

    /** The first {@code max} distinct words of a text (case aside), in order, joined by spaces. */
    static String distinctWords(String text, int max) {
        java.util.LinkedHashMap<String, String> words = new java.util.LinkedHashMap<>();
        for (String w : text.split("\\s+")) {
            if (!w.isEmpty() && words.size() < max) {
                words.putIfAbsent(w.toLowerCase(java.util.Locale.ROOT), w);
            }
        }
        return String.join(" ", words.values());
    }

    static List<Candidate> bm25(IndexSearcher searcher, Query query, int n) throws IOException {
        if (query == null) {
            return List.of();
        }
        // hits counted only up to n (not Lucene's default 1,000): the block-max skipping of low-scoring documents starts
        // as soon as n are collected; the top n are the same, only the total count (unused) becomes a lower bound
        return candidates(searcher, searcher.search(query, new org.apache.lucene.search.TopScoreDocCollectorManager(n, null, n)));
    }

    static List<Candidate> knn(IndexSearcher searcher, float[] vector, int n) throws IOException {
        return candidates(searcher, searcher.search(new KnnFloatVectorQuery(VECTOR, vector, n), n));
    }

    /**
     * The stored title questions nearest a query vector, each as its document's first passage with the question's
     * cosine similarity as score; empty when the index holds no question-answer document.
     */
    static List<Candidate> knnQuestions(IndexSearcher searcher, float[] vector, int n) throws IOException {
        List<Candidate> hits = candidates(searcher, searcher.search(new KnnFloatVectorQuery(QUESTION_VECTOR, vector, n), n));
        List<Candidate> out = new ArrayList<>(hits.size());
        for (Candidate c : hits) {
            // Lucene scores a dot product of unit vectors as (1 + dot) / 2
            out.add(new Candidate(c.luceneDoc(), c.documentId(), 2f * c.score() - 1f));
        }
        return out;
    }

    private static List<Candidate> candidates(IndexSearcher searcher, TopDocs top) throws IOException {
        ScoreDoc[] hits = top.scoreDocs;
        int[] docs = new int[hits.length];
        for (int i = 0; i < hits.length; i++) {
            docs[i] = hits[i].doc;
        }
        String[] ids = documentIds(searcher, docs);
        List<Candidate> out = new ArrayList<>(hits.length);
        for (int i = 0; i < hits.length; i++) {
            out.add(new Candidate(hits[i].doc, ids[i], hits[i].score));
        }
        return out;
    }

    /** Document ids of passages, from doc values (stored fields are far slower to read one by one). */
    static String[] documentIds(IndexSearcher searcher, int[] docs) throws IOException {
        String[] out = new String[docs.length];
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Integer[] order = inDocOrder(docs);
        int leafIndex = -1;
        SortedDocValues values = null;
        for (int i : order) {
            int li = ReaderUtil.subIndex(docs[i], leaves);
            if (li != leafIndex) {
                leafIndex = li;
                values = leaves.get(li).reader().getSortedDocValues(DOCUMENT_ID);
            }
            int local = docs[i] - leaves.get(li).docBase;
            if (values != null && values.advanceExact(local)) {
                out[i] = values.lookupOrd(values.ordValue()).utf8ToString();
            } else {
                out[i] = searcher.storedFields().document(docs[i], Set.of(DOCUMENT_ID)).get(DOCUMENT_ID);
            }
        }
        return out;
    }

    /** Cosine similarities (dot products of unit vectors) of passages to a query vector. */
    static float[] similarities(IndexSearcher searcher, int[] docs, float[] query) throws IOException {
        float[] out = new float[docs.length];
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        FloatVectorValues values = null;
        for (int i : inDocOrder(docs)) {
            int li = ReaderUtil.subIndex(docs[i], leaves);
            if (li != leafIndex) {
                leafIndex = li;
                values = leaves.get(li).reader().getFloatVectorValues(VECTOR);
            }
            int local = docs[i] - leaves.get(li).docBase;
            if (values != null && (values.docID() == local || (values.docID() < local && values.advance(local) == local))) {
                float[] v = values.vectorValue();
                float dot = 0f;
                for (int d = 0; d < v.length; d++) {
                    dot += v[d] * query[d];
                }
                out[i] = dot;
            }
        }
        return out;
    }

    private static Integer[] inDocOrder(int[] docs) {
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < docs.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> docs[i]));
        return order;
    }

    static Document stored(IndexSearcher searcher, int luceneDoc) throws IOException {
        return searcher.storedFields().document(luceneDoc);
    }

    void close(@Observes ShutdownEvent event) {
        closeQuietly();
    }

    private synchronized void closeQuietly() {
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (writer != null) {
                writer.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the search index failed", e);
        } finally {
            searchers = null;
            writer = null;
            directory = null;
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }
}
