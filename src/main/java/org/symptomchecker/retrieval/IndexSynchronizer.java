package org.symptomchecker.retrieval;

import org.symptomchecker.embedding.PassageEmbedder;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.corpus.CorpusImporter;
import org.symptomchecker.corpus.CorpusStore;
import org.symptomchecker.corpus.DocumentChange;
import org.symptomchecker.corpus.DocumentStatus;
import org.symptomchecker.corpus.Passage;
import org.symptomchecker.corpus.VectorCodec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings this instance's index up to the database's corpus change sequence: documents changed since the
 * index's last applied change are removed and, when approved, added again from stored embeddings.
 */
@ApplicationScoped
public class IndexSynchronizer {

    private static final Logger LOG = Logger.getLogger(IndexSynchronizer.class);
    private static final int BATCH = 200;
    /** After this many documents in one sync the index is merged into one segment. */
    private static final int MERGE_AFTER = 1000;

    private final PassageIndex index;
    private final CorpusStore store;
    private final PassageEmbedder embedder;

    public IndexSynchronizer(PassageIndex index, CorpusStore store, PassageEmbedder embedder) {
        this.index = index;
        this.store = store;
        this.embedder = embedder;
    }

    /** Applies every committed change the index lacks; returns the change sequence it reached. */
    public synchronized long sync() {
        long target = store.currentChangeSeq();
        long from = index.appliedSeq();
        if (target == from) {
            return target;
        }
        long started = System.nanoTime();
        int applied = 0;
        if (target < from) {
            LOG.warn("the search index is ahead of the database (a new database?); rebuilding it");
            index.clear();
            from = 0;
        }
        while (true) {
            List<DocumentChange> batch = store.changes(from, target, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            Map<String, float[]> questions = questionVectors(batch);
            for (DocumentChange change : batch) {
                index.removeDocument(change.id());
                if (change.status() == DocumentStatus.APPROVED) {
                    for (int i = 0; i < change.passages().size(); i++) {
                        Passage p = change.passages().get(i);
                        // the title question's vector rides on the document's first passage
                        index.add(new IndexedPassage(p.id, change.id(), change.title(), change.url(), change.sections().get(i),
                                p.ordinal, p.text, vectorOf(change, p), i == 0 ? questions.get(change.id()) : null));
                    }
                }
                applied++;
            }
            from = batch.get(batch.size() - 1).changeSeq();
            index.commit(from);
        }
        if (index.appliedSeq() < target) {
            index.commit(target);
        }
        if (applied >= MERGE_AFTER) {
            index.mergeSegments();
        }
        LOG.infof("search index at change %d: %d documents applied in %d ms", target, applied,
                (System.nanoTime() - started) / 1_000_000);
        return target;
    }

    /**
     * The title-question vectors of a batch's approved question-answer documents. A document stored before question
     * vectors were kept has none: it is embedded here, once, with the batch's others, and kept in the database.
     */
    private Map<String, float[]> questionVectors(List<DocumentChange> batch) {
        Map<String, float[]> out = new HashMap<>();
        List<DocumentChange> missing = new ArrayList<>();
        for (DocumentChange change : batch) {
            if (change.status() != DocumentStatus.APPROVED || change.question() == null || change.passages().isEmpty()) {
                continue;
            }
            if (change.questionEmbedding() != null) {
                out.put(change.id(), VectorCodec.decode(change.questionEmbedding()));
            } else {
                missing.add(change);
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> vectors = embedder.embedQuestions(missing.stream().map(DocumentChange::question).toList());
            Map<String, byte[]> encoded = new HashMap<>();
            for (int i = 0; i < missing.size(); i++) {
                out.put(missing.get(i).id(), vectors.get(i));
                encoded.put(missing.get(i).id(), VectorCodec.encode(vectors.get(i)));
            }
            store.storeQuestionEmbeddings(encoded);
        }
        return out;
    }

    private float[] vectorOf(DocumentChange change, Passage p) {
        if (p.embedding != null) {
            return VectorCodec.decode(p.embedding);
        }
        // approved without an embedding (e.g. an older import): compute it once and keep it
        float[] v = embedder.embedPassages(List.of(CorpusImporter.embeddingInputFor(change.title(), p.text))).get(0);
        store.storeEmbedding(p.id, VectorCodec.encode(v));
        return v;
    }
}
