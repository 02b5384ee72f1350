package org.symptomchecker.answer;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.lucene.index.Term;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.corpus.Sentences;
import org.symptomchecker.retrieval.HybridRetriever;
import org.symptomchecker.retrieval.PassageIndex;
import org.symptomchecker.retrieval.RetrievedPassage;
import org.symptomchecker.retrieval.SearchMode;
import org.symptomchecker.triage.ReplySafetyCheck;
import org.symptomchecker.triage.SafetyCounters;
import org.symptomchecker.triage.TriageLevel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default answerer: picks, from the passages retrieval ranks highest, the sentences that share the
 * most informative words with the question, keeps their wording and order, and cites each one. It
 * composes nothing: when retrieval is weak it returns no sentence at all.
 */
@ApplicationScoped
public class ExtractiveAnswerer {

    /** Under moderate similarity a sentence must share at least this much inverse document frequency with the question. */
    private static final double MIN_OVERLAP = 1.5;
    /** A chosen sentence covers at least this share of what the best sentence covers. */
    private static final double RELATIVE_OVERLAP = 0.4;
    private static final int MIN_WORDS = 4;

    private final HybridRetriever retriever;
    private final ReplySafetyCheck safetyCheck;
    private final SafetyCounters counters;
    private final PassageIndex index;
    private final int documents;
    private final int maxSentences;
    private final double minSimilarity;
    private final double strongSimilarity;

    public ExtractiveAnswerer(HybridRetriever retriever, PassageIndex index, SymptomConfig config,
                              ReplySafetyCheck safetyCheck, SafetyCounters counters) {
        this.safetyCheck = safetyCheck;
        this.counters = counters;
        this.retriever = retriever;
        this.index = index;
        this.documents = config.chat().answerDocuments();
        this.maxSentences = config.chat().answerSentences();
        this.minSimilarity = config.chat().minSimilarity();
        this.strongSimilarity = config.chat().strongSimilarity();
    }

    /** Sentences that fail the output check under the conversation's level are never candidates. */
    public CitedAnswer answer(String question, TriageLevel level) {
        List<RetrievedPassage> hits = retriever.search(question, documents, SearchMode.HYBRID);
        if (hits.isEmpty() || hits.get(0).similarity() < minSimilarity) {
            return new CitedAnswer(List.of());
        }
        List<Set<String>> groups = index.queryAnalyzer().termGroups(PassageIndex.TEXT_FIELD, question);
        Map<String, Double> idf = idf(groups);
        // weaker similarity asks for more shared words before a sentence counts as an answer
        double floor = hits.get(0).similarity() >= strongSimilarity ? Double.MIN_VALUE : MIN_OVERLAP;
        List<Candidate> candidates = new ArrayList<>();
        for (int rank = 0; rank < hits.size(); rank++) {
            RetrievedPassage hit = hits.get(rank);
            if (hit.similarity() < minSimilarity) {
                continue;
            }
            int position = 0;
            for (Sentences.Span sentence : Sentences.split(hit.text())) {
                position++;
                if (sentence.words() < MIN_WORDS || sentence.text().endsWith("?") || sentence.text().endsWith(":")) {
                    continue;
                }
                var failure = safetyCheck.check(sentence.text(), level);
                if (failure.isPresent()) {
                    counters.count("output-check.sentence-dropped." + failure.get().name().toLowerCase(java.util.Locale.ROOT));
                    continue;
                }
                double overlap = overlap(groups, idf, index.indexAnalyzer().terms(PassageIndex.TEXT_FIELD, sentence.text()));
                if (overlap < floor) {
                    continue;
                }
                // prefer the better-ranked passage and sentences of ordinary length
                double lengthPenalty = 1.0 + Math.max(0, sentence.words() - 30) / 30.0;
                double score = overlap * (1.0 / (1.0 + 0.35 * rank)) / lengthPenalty;
                candidates.add(new Candidate(hit, rank, position, sentence.text(), score, overlap));
            }
        }
        double best = candidates.stream().mapToDouble(Candidate::overlap).max().orElse(0);
        List<Candidate> chosen = candidates.stream()
                .filter(c -> c.overlap() >= RELATIVE_OVERLAP * best)
                .sorted(Comparator.comparingDouble(Candidate::score).reversed())
                .limit(maxSentences)
                .sorted(Comparator.comparingInt(Candidate::rank).thenComparingInt(Candidate::position))
                .toList();
        List<CitedAnswer.CitedSentence> sentences = new ArrayList<>();
        for (Candidate c : chosen) {
            RetrievedPassage p = c.passage();
            sentences.add(new CitedAnswer.CitedSentence(c.text(),
                    new ChatReply.Citation(p.documentId(), p.passageId(), p.title(), p.url(), c.text())));
        }
        return new CitedAnswer(sentences);
    }

    private record Candidate(RetrievedPassage passage, int rank, int position, String text, double score, double overlap) {
    }

    /** For each thing asked about, the rarest of its words the sentence holds; summed. */
    private static double overlap(List<Set<String>> groups, Map<String, Double> idf, Set<String> sentenceTerms) {
        double sum = 0;
        for (Set<String> group : groups) {
            double best = 0;
            for (String t : group) {
                if (sentenceTerms.contains(t)) {
                    best = Math.max(best, idf.getOrDefault(t, 0.0));
                }
            }
            sum += best;
        }
        return sum;
    }

    /** Rarer words say more about what is asked: BM25's idf over the passages in the index. */
    private Map<String, Double> idf(List<Set<String>> groups) {
        return index.read(searcher -> {
            Map<String, Double> out = new HashMap<>();
            long n = Math.max(1, searcher.getIndexReader().numDocs());
            for (String t : groups.stream().flatMap(Set::stream).distinct().toList()) {
                int df = searcher.getIndexReader().docFreq(new Term(PassageIndex.TEXT_FIELD, t));
                if (df > 0) {
                    out.put(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
                }
            }
            return out;
        });
    }
}
