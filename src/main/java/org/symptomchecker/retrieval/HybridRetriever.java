package org.symptomchecker.retrieval;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.symptomchecker.SymptomConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the approved documents that best match a question: BM25 and HNSW candidates, each ranked by
 * document (a document counts by its best passage), fused by reciprocal rank.
 */
@ApplicationScoped
public class HybridRetriever {

    private final PassageIndex index;
    private final PassageEmbedder embedder;
    private final int candidates;
    private final int rrfK;

    public HybridRetriever(PassageIndex index, PassageEmbedder embedder, SymptomConfig config) {
        this.index = index;
        this.embedder = embedder;
        this.candidates = config.index().candidates();
        this.rrfK = config.index().rrfK();
    }

    public List<RetrievedPassage> search(String question, int limit, SearchMode mode) {
        float[] vector = mode == SearchMode.BM25 ? null : embedder.embedQuery(question);
        Query bm25Query = mode == SearchMode.VECTOR ? null : index.bm25Query(question);
        return index.read(searcher -> {
            List<PassageIndex.Candidate> lexical = mode == SearchMode.VECTOR
                    ? List.of() : PassageIndex.bm25(searcher, bm25Query, candidates);
            List<PassageIndex.Candidate> dense = mode == SearchMode.BM25
                    ? List.of() : PassageIndex.knn(searcher, vector, Math.max(candidates, limit));
            List<Ranked> ranked = switch (mode) {
                case BM25 -> byDocument(lexical);
                case VECTOR -> byDocument(dense);
                case HYBRID -> fuse(byDocument(lexical), byDocument(dense));
            };
            List<RetrievedPassage> out = new ArrayList<>();
            for (Ranked r : ranked.subList(0, Math.min(limit, ranked.size()))) {
                out.add(fetch(searcher, r, vector));
            }
            return out;
        });
    }

    /** A document's place in one ranking: its best passage and that passage's score. */
    private record Ranked(String documentId, int luceneDoc, double score) {
    }

    private static List<Ranked> byDocument(List<PassageIndex.Candidate> passages) {
        Map<String, Ranked> best = new LinkedHashMap<>();
        for (PassageIndex.Candidate c : passages) {
            best.putIfAbsent(c.documentId(), new Ranked(c.documentId(), c.luceneDoc(), c.score()));
        }
        return new ArrayList<>(best.values());
    }

    private List<Ranked> fuse(List<Ranked> lexical, List<Ranked> dense) {
        Map<String, Double> fused = new HashMap<>();
        Map<String, Ranked> representative = new HashMap<>();
        addRanks(lexical, fused, representative);
        addRanks(dense, fused, representative);
        List<Ranked> out = new ArrayList<>();
        fused.forEach((doc, score) -> out.add(new Ranked(doc, representative.get(doc).luceneDoc(), score)));
        out.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::documentId));
        return out;
    }

    private void addRanks(List<Ranked> ranking, Map<String, Double> fused, Map<String, Ranked> representative) {
        for (int rank = 0; rank < ranking.size(); rank++) {
            Ranked r = ranking.get(rank);
            fused.merge(r.documentId(), 1.0 / (rrfK + rank + 1), Double::sum);
            // the passage shown is the one that ranked the document highest in either list
            Ranked current = representative.get(r.documentId());
            if (current == null || rank < current.score()) {
                representative.put(r.documentId(), new Ranked(r.documentId(), r.luceneDoc(), rank));
            }
        }
    }

    private static RetrievedPassage fetch(IndexSearcher searcher, Ranked r, float[] vector) throws IOException {
        Document d = PassageIndex.stored(searcher, r.luceneDoc());
        float similarity = vector == null ? Float.NaN : PassageIndex.similarity(searcher, r.luceneDoc(), vector);
        return new RetrievedPassage(d.get(PassageIndex.DOCUMENT_ID), d.get(PassageIndex.PASSAGE_ID),
                d.get(PassageIndex.TITLE), d.get(PassageIndex.URL), d.get(PassageIndex.TEXT), r.score(), similarity);
    }
}
