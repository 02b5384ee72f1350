package org.symptomchecker.retrieval;

import org.symptomchecker.embedding.PassageEmbedder;
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
 * document (a document counts by its best passage), fused by score (or reciprocal rank). Beside the passages, the
 * question is matched to the stored title questions of question-answer documents (question-to-question matching):
 * a stored question closer to the person's question than any of its document's passages raises that document by
 * {@code symptom.index.question-weight} times the difference.
 */
@ApplicationScoped
public class HybridRetriever {

    private final PassageIndex index;
    private final PassageEmbedder embedder;
    private final int candidates;
    private final int vectorCandidates;
    private final int questionCandidates;
    private final int rrfK;
    private final double bm25Weight;
    private final double vectorWeight;
    private final boolean scoreFusion;
    private final double lexicalWeight;
    private final double questionWeight;

    public HybridRetriever(PassageIndex index, PassageEmbedder embedder, SymptomConfig config) {
        this.index = index;
        this.embedder = embedder;
        this.candidates = config.index().candidates();
        this.vectorCandidates = config.index().vectorCandidates();
        this.questionCandidates = config.index().questionCandidates();
        if (candidates < 1 || vectorCandidates < 1 || questionCandidates < 1) {
            throw new IllegalStateException("symptom.index.candidates, vector-candidates and question-candidates must be at least 1");
        }
        this.rrfK = config.index().rrfK();
        this.bm25Weight = config.index().bm25Weight();
        this.vectorWeight = config.index().vectorWeight();
        this.scoreFusion = switch (config.index().fusion().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "score" -> true;
            case "rrf" -> false;
            default -> throw new IllegalStateException("symptom.index.fusion must be score or rrf");
        };
        this.lexicalWeight = config.index().lexicalWeight();
        this.questionWeight = config.index().questionWeight();
    }

    public List<RetrievedPassage> search(String question, int limit, SearchMode mode) {
        return search(question, mode == SearchMode.BM25 ? null : embedder.embedQuery(question), limit, mode);
    }

    /** The question's hybrid search and its embedding, for reading the found documents' passages afterwards. */
    public Found find(String question, int limit) {
        float[] vector = embedder.embedQuery(question);
        return new Found(search(question, vector, limit, SearchMode.HYBRID), vector);
    }

    /** The best passage of each best document, and the question's embedding. */
    public record Found(List<RetrievedPassage> hits, float[] vector) {
    }

    private List<RetrievedPassage> search(String question, float[] vector, int limit, SearchMode mode) {
        Query bm25Query = mode == SearchMode.VECTOR ? null : index.bm25Query(question);
        return index.read(searcher -> {
            List<PassageIndex.Candidate> lexical = mode == SearchMode.VECTOR
                    ? List.of() : PassageIndex.bm25(searcher, bm25Query, candidates);
            List<PassageIndex.Candidate> dense = mode == SearchMode.BM25
                    ? List.of() : PassageIndex.knn(searcher, vector, Math.max(vectorCandidates, limit));
            List<PassageIndex.Candidate> questions = mode == SearchMode.BM25 || questionWeight <= 0
                    ? List.of() : PassageIndex.knnQuestions(searcher, vector, Math.max(questionCandidates, limit));
            List<Ranked> ranked = switch (mode) {
                case BM25 -> byDocument(lexical);
                case VECTOR -> questions.isEmpty() ? byDocument(dense)
                        : fuseScores(searcher, List.of(), dense, questions, vector);
                case HYBRID -> scoreFusion ? fuseScores(searcher, lexical, dense, questions, vector)
                        : fuse(byDocument(lexical), byDocument(dense), byDocument(questions));
            };
            List<Ranked> top = ranked.subList(0, Math.min(limit, ranked.size()));
            float[] similarities = vector == null ? null
                    : PassageIndex.similarities(searcher, top.stream().mapToInt(Ranked::luceneDoc).toArray(), vector);
            List<RetrievedPassage> out = new ArrayList<>();
            for (int i = 0; i < top.size(); i++) {
                out.add(fetch(searcher, top.get(i), similarities == null ? Float.NaN : similarities[i]));
            }
            return out;
        });
    }

    /**
     * Every passage of a found document, in order, each with its cosine similarity to the question and the terms of
     * {@code terms} (the index analyzer's) its text holds: what the extractive answerer weighs.
     */
    public List<DocumentPassage> passagesOf(String documentId, Found found, java.util.Set<String> terms) {
        return index.passagesOf(documentId, found.vector(), terms);
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

    /**
     * Every candidate passage of either list scores its cosine similarity to the question plus the
     * weighted BM25 score scaled to the best BM25 hit; a document scores by its best passage. A document whose
     * stored title question is among the question matches and is closer to the question than its most similar
     * candidate passage is raised by the question weight times the difference: a question match can only add.
     */
    private List<Ranked> fuseScores(IndexSearcher searcher, List<PassageIndex.Candidate> lexical,
                                    List<PassageIndex.Candidate> dense, List<PassageIndex.Candidate> questions,
                                    float[] vector) throws IOException {
        Map<Integer, PassageIndex.Candidate> byLuceneDoc = new LinkedHashMap<>();
        Map<Integer, Double> bm25 = new HashMap<>();
        double maxBm25 = lexical.isEmpty() ? 1.0 : Math.max(1e-9, lexical.get(0).score());
        for (PassageIndex.Candidate c : lexical) {
            bm25.put(c.luceneDoc(), c.score() / maxBm25);
            byLuceneDoc.putIfAbsent(c.luceneDoc(), c);
        }
        for (PassageIndex.Candidate c : dense) {
            byLuceneDoc.putIfAbsent(c.luceneDoc(), c);
        }
        for (PassageIndex.Candidate c : questions) {
            byLuceneDoc.putIfAbsent(c.luceneDoc(), c); // the document's first passage: its question alone found it
        }
        List<PassageIndex.Candidate> all = new ArrayList<>(byLuceneDoc.values());
        int[] docs = all.stream().mapToInt(PassageIndex.Candidate::luceneDoc).toArray();
        float[] cosines = PassageIndex.similarities(searcher, docs, vector);
        Map<String, Ranked> best = new HashMap<>();
        Map<String, Double> bestCosine = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            PassageIndex.Candidate c = all.get(i);
            double score = cosines[i] + lexicalWeight * bm25.getOrDefault(c.luceneDoc(), 0.0);
            Ranked current = best.get(c.documentId());
            if (current == null || score > current.score()) {
                best.put(c.documentId(), new Ranked(c.documentId(), c.luceneDoc(), score));
            }
            bestCosine.merge(c.documentId(), (double) cosines[i], Math::max);
        }
        for (PassageIndex.Candidate q : questions) {
            double lift = questionWeight * Math.max(0.0, q.score() - bestCosine.get(q.documentId()));
            Ranked current = best.get(q.documentId());
            best.put(q.documentId(), new Ranked(current.documentId(), current.luceneDoc(), current.score() + lift));
        }
        List<Ranked> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::documentId));
        return out;
    }

    private List<Ranked> fuse(List<Ranked> lexical, List<Ranked> dense, List<Ranked> questions) {
        Map<String, Double> fused = new HashMap<>();
        Map<String, Ranked> representative = new HashMap<>();
        addRanks(lexical, bm25Weight, fused, representative);
        addRanks(dense, vectorWeight, fused, representative);
        addRanks(questions, vectorWeight * questionWeight, fused, representative);
        List<Ranked> out = new ArrayList<>();
        fused.forEach((doc, score) -> out.add(new Ranked(doc, representative.get(doc).luceneDoc(), score)));
        out.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::documentId));
        return out;
    }

    private void addRanks(List<Ranked> ranking, double weight, Map<String, Double> fused, Map<String, Ranked> representative) {
        for (int rank = 0; rank < ranking.size(); rank++) {
            Ranked r = ranking.get(rank);
            fused.merge(r.documentId(), weight / (rrfK + rank + 1), Double::sum);
            // the passage shown is the one that ranked the document highest in either list
            Ranked current = representative.get(r.documentId());
            if (current == null || rank < current.score()) {
                representative.put(r.documentId(), new Ranked(r.documentId(), r.luceneDoc(), rank));
            }
        }
    }

    private static RetrievedPassage fetch(IndexSearcher searcher, Ranked r, float similarity) throws IOException {
        Document d = PassageIndex.stored(searcher, r.luceneDoc());
        return new RetrievedPassage(d.get(PassageIndex.DOCUMENT_ID), d.get(PassageIndex.PASSAGE_ID),
                d.get(PassageIndex.TITLE), d.get(PassageIndex.URL), d.get(PassageIndex.TEXT), r.score(), similarity);
    }
}
