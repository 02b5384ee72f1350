package org.symptomchecker.answer;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.lucene.index.Term;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.content.ActiveContent;
import org.symptomchecker.content.ContentSwitched;
import org.symptomchecker.corpus.Sentences;
import org.symptomchecker.metrics.Stage;
import org.symptomchecker.metrics.TurnMetrics;
import org.symptomchecker.retrieval.DocumentPassage;
import org.symptomchecker.retrieval.HybridRetriever;
import org.symptomchecker.retrieval.PassageIndex;
import org.symptomchecker.retrieval.RetrievedPassage;
import org.symptomchecker.triage.ReplySafetyCheck;
import org.symptomchecker.triage.SafetyCounters;
import org.symptomchecker.triage.TriageLevel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default answerer (no model): a coherent span of one vetted passage that answers the question.
 * <ol>
 *   <li>The question's type (what it is, symptoms, causes, treatment, ...; {@link QuestionTypes}) and its focus
 *       (its words without the type's cue words).</li>
 *   <li>Retrieval ranks documents; a document answers only when it holds most of the focus (by the words'
 *       rarity), so a question about something the corpus lacks gets no answer rather than a near miss.</li>
 *   <li>Every passage of those documents is scored: the focus words it holds, and whether it is of the type
 *       asked (its section heading or question-form title names the type; its own words signal it).</li>
 *   <li>From the best passage, the contiguous sentences that answer best, in order; a sentence that leans on the
 *       one before it ("these conditions", "however") is quoted only with it, never first.</li>
 *   <li>When the document of the focus has nothing of the type asked, the reply says so and gives what the
 *       document does say first.</li>
 * </ol>
 * It composes nothing: every sentence is word for word from a passage, and cited.
 */
@ApplicationScoped
public class ExtractiveAnswerer {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ExtractiveAnswerer.class);

    /** A document answers when it holds at least this share of the focus's weight. */
    static final double FOCUS_COVERAGE = 0.5;
    private static final int MIN_WORDS = 4;
    private static final double TYPE_WEIGHT = 1.0;
    private static final String WHAT_IS = "what_is";
    /** At most this many sentences before the one that answers are brought along as its antecedents. */
    private static final int MAX_ANTECEDENTS = 2;
    /** What each further sentence of context adds to a span's score: a span runs on to its full length when it can. */
    private static final double CONTEXT_BONUS = 0.1;
    /** How much more the span's first sentence counts than the others. */
    private static final double LEAD_WEIGHT = 1.0;
    /** What a passage's score is worth when its first sentence leans on the heading above it. */
    private static final double LEANING_OPENER = 0.7;

    private final HybridRetriever retriever;
    private final ReplySafetyCheck safetyCheck;
    private final SafetyCounters counters;
    private final PassageIndex index;
    private final ReplyTemplates templates;
    private final TurnMetrics metrics;
    /** The question types and their words, read together from one prompts folder (replaced whole by a new release). */
    private volatile Cues cues;

    /**
     * @param ignoredTerms the analyzer's terms of the words that say nothing of a question's focus
     * @param cueTerms     the analyzer's terms of each question type's cue phrases, by type id (not the question's focus)
     */
    private record Cues(QuestionTypes types, Set<String> ignoredTerms, Map<String, Set<String>> cueTerms) {
    }
    private final int documents;
    private final int maxSentences;
    private final double minSimilarity;
    private final double strongSimilarity;
    private final double similarityWeight;

    public ExtractiveAnswerer(HybridRetriever retriever, PassageIndex index, SymptomConfig config, ReplyTemplates templates,
                              ReplySafetyCheck safetyCheck, SafetyCounters counters, ActiveContent content, TurnMetrics metrics) {
        this.metrics = metrics;
        this.safetyCheck = safetyCheck;
        this.counters = counters;
        this.retriever = retriever;
        this.index = index;
        this.templates = templates;
        this.cues = cues(content.folders().prompts());
        this.documents = config.chat().answerDocuments();
        this.maxSentences = config.chat().answerSentences();
        this.minSimilarity = config.chat().minSimilarity();
        this.strongSimilarity = config.chat().strongSimilarity();
        this.similarityWeight = config.chat().answerMeaningWeight();
    }

    private Cues cues(Path prompts) {
        QuestionTypes types = QuestionTypes.load(prompts.resolve("answer").resolve("question-types.yaml"));
        Set<String> ignored = new HashSet<>();
        types.ignore().forEach(w -> ignored.addAll(index.queryAnalyzer().termGroups(PassageIndex.TEXT_FIELD, w).stream()
                .flatMap(Set::stream).toList()));
        Map<String, Set<String>> cue = new HashMap<>();
        for (QuestionTypes.Type type : types.types()) {
            Set<String> terms = new HashSet<>();
            type.asks().forEach(phrase -> terms.addAll(terms(String.join(" ", phrase))));
            cue.put(type.id(), terms);
        }
        return new Cues(types, Set.copyOf(ignored), Map.copyOf(cue));
    }

    /** The question types in use: the served release's, or a preview's ({@link org.symptomchecker.content.ContentLens}). */
    private Cues cues() {
        return org.symptomchecker.content.ContentLens.view(ExtractiveAnswerer.class, cues, f -> cues(f.prompts()));
    }

    /** A newly published release's question types; a file this instance cannot read leaves those in use. */
    void onContentSwitched(@jakarta.enterprise.event.Observes ContentSwitched event) {
        try {
            cues = cues(event.now().prompts());
        } catch (RuntimeException e) {
            LOG.errorf("question types of content release %s cannot be read (%s); those in use stay", event.now().release(), e.getMessage());
        }
    }

    /** The search, timed with its best similarity measured; a console preview (a content lens on) is not. */
    private HybridRetriever.Found find(String query) {
        if (org.symptomchecker.content.ContentLens.current() != null) {
            return retriever.find(query, documents);
        }
        HybridRetriever.Found found = metrics.time(Stage.RETRIEVAL, () -> retriever.find(query, documents));
        metrics.retrievalConfidence(found.hits().isEmpty() ? 0 : found.hits().get(0).similarity());
        return found;
    }

    /** Sentences that fail the output check under the conversation's level are never quoted. */
    public CitedAnswer answer(String question, TriageLevel level) {
        return answer(question, null, level);
    }

    /**
     * The answer to a question asked within a topic ({@code context}, e.g. an interview's topic words: searched
     * with the question; the answer then never says what the corpus lacks, since the person asked nothing of a type).
     */
    public CitedAnswer answer(String question, String context, TriageLevel level) {
        String query = context == null || context.isBlank() ? question : question + " " + context;
        HybridRetriever.Found found = find(query);
        List<RetrievedPassage> hits = found.hits();
        if (hits.isEmpty() || hits.get(0).similarity() < minSimilarity) {
            return CitedAnswer.none();
        }
        QuestionTypes.Type type = cues().types().of(question);
        boolean sayWhatIsMissing = context == null;
        List<Set<String>> words = questionWords(query); // every word of the question, cue words too
        List<Set<String>> asked = withoutCueWords(words, type);
        Rarity rarity = rarity(words);
        Map<String, Double> idf = rarity.idf();
        // words no passage holds: when they weigh more than those the corpus has, the question is about something else
        List<Set<String>> focus = asked.stream().filter(g -> g.stream().anyMatch(idf::containsKey)).toList();
        double focusWeight = focus.stream().mapToDouble(g -> weight(g, idf)).sum();
        double unknownWeight = (asked.size() - focus.size()) * rarity.unknown();
        if (LOG.isDebugEnabled()) {
            LOG.debugf("answer: type %s, %d word groups, %d known (weight %.2f), unknown weight %.2f, best similarity %.3f",
                    type == null ? "-" : type.id(), asked.size(), focus.size(), focusWeight, unknownWeight, hits.get(0).similarity());
        }
        if (unknownWeight > focusWeight && hits.get(0).similarity() < strongSimilarity) {
            return CitedAnswer.none();
        }

        Scored best = null;
        Scored bestOfFocusDocument = null;
        List<Scored> scored = new ArrayList<>();
        boolean typeFound = false;
        // the passages are weighed only by which of the question's terms they hold: the index tells, without reading them
        Set<String> questionTerms = new HashSet<>();
        words.forEach(questionTerms::addAll);
        for (int rank = 0; rank < hits.size(); rank++) {
            RetrievedPassage hit = hits.get(rank);
            if (hit.similarity() < minSimilarity) {
                continue;
            }
            List<DocumentPassage> passages = retriever.passagesOf(hit.documentId(), found, questionTerms);
            if (passages.isEmpty()) {
                continue;
            }
            Set<String> documentTerms = new HashSet<>(terms(hit.title()));
            passages.forEach(p -> documentTerms.addAll(p.heldTerms()));
            double coverage = focusWeight == 0 ? 1 : covered(focus, idf, documentTerms) / focusWeight;
            LOG.debugf("answer: document at rank %s covers %.2f of the focus", Integer.valueOf(rank), Double.valueOf(coverage));
            if (coverage < FOCUS_COVERAGE) {
                continue;
            }
            double prior = coverage / (1.0 + 0.5 * rank);
            for (int j = 0; j < passages.size(); j++) {
                DocumentPassage p = passages.get(j);
                // a passage that opens the document or a section is read under its heading: its first sentence may
                // lean on it ("Treatment of these afflictions ..." under "Sciatica ... - Treatment")
                boolean opens = j == 0 || !passages.get(j - 1).section().equals(p.section());
                boolean ofType = type != null && (QuestionTypes.names(type, p.section())
                        || (p.section().isEmpty() && QuestionTypes.names(type, p.title()))
                        || (type.id().equals(WHAT_IS) && p == passages.get(0))); // a document opens with what it is about
                int signals = type == null ? 0 : QuestionTypes.signals(type, p.text());
                double typeScore = (ofType ? 1.0 : 0) + 0.15 * Math.min(signals, 3);
                double lexical = focusWeight == 0 ? 0 : covered(focus, idf, p.heldTerms()) / focusWeight;
                // the passage's meaning beside its words: how much closer to the question than a passage merely on topic
                double meaning = Float.isNaN(p.similarity()) ? 0 : Math.max(0, p.similarity() - minSimilarity) / (1 - minSimilarity);
                // a passage whose first sentence leans on its heading reads less well on its own than one that does not
                double standsAlone = opens && leansFirst(p.text()) ? LEANING_OPENER : 1.0;
                Scored s = new Scored(p, opens, p.heldTerms(),
                        standsAlone * prior * (lexical + TYPE_WEIGHT * typeScore + similarityWeight * meaning), ofType || signals >= 1);
                typeFound |= s.ofType();
                scored.add(s);
                if (bestOfFocusDocument == null) {
                    bestOfFocusDocument = s; // the focus document's first passage: what it is about
                }
                if (best == null || s.score() > best.score()) {
                    best = s;
                }
            }
        }
        if (best == null) {
            return CitedAnswer.none();
        }
        String note = null;
        Scored from = best;
        if (type != null && !typeFound && sayWhatIsMissing) {
            note = templates.typeMissing(type.say(), bestOfFocusDocument.passage().title());
            from = bestOfFocusDocument;
        }
        CitedAnswer.Span span = span(from, focus, idf, focusWeight, type, level);
        if (span == null) {
            // nothing of that passage may be quoted (every sentence leans on one outside it, or fails the check): the next best
            note = null;
            span = scored.stream().sorted(java.util.Comparator.comparingDouble(Scored::score).reversed())
                    .map(x -> span(x, focus, idf, focusWeight, type, level))
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
        if (span == null) {
            return CitedAnswer.none();
        }
        List<CitedAnswer.Span> spans = new ArrayList<>(List.of(span));
        if (note == null) {
            // a second passage, the one holding most of the question's own words (its cue words too: "last", "treat"),
            // adds its span when it holds at least half of them: another part of the answer, in the question's terms
            String first = span.citation().passageId();
            List<Set<String>> all = words.stream().filter(g -> g.stream().anyMatch(idf::containsKey)).toList();
            double allWeight = all.stream().mapToDouble(g -> weight(g, idf)).sum();
            if (allWeight > 0) {
                scored.stream().filter(x -> !x.passage().passageId().equals(first))
                        .map(x -> Map.entry(x, covered(all, idf, x.terms()) / allWeight))
                        .filter(e -> e.getValue() >= 0.5)
                        .max(Map.Entry.comparingByValue())
                        .map(e -> span(e.getKey(), all, idf, allWeight, type, level))
                        .ifPresent(spans::add);
            }
        }
        return new CitedAnswer(note, spans);
    }

    /** A passage weighed for the answer; {@code terms} are the question's terms it holds (not all of its own). */
    private record Scored(DocumentPassage passage, boolean opens, Set<String> terms, double score, boolean ofType) {
    }

    /** The contiguous sentences of a passage that answer best; null when none may be quoted. */
    private CitedAnswer.Span span(Scored scored, List<Set<String>> focus, Map<String, Double> idf, double focusWeight,
                                  QuestionTypes.Type type, TriageLevel level) {
        DocumentPassage p = scored.passage();
        List<Sentences.Span> sentences = Sentences.split(p.text());
        int n = sentences.size();
        double[] score = new double[n];
        boolean[] quotable = new boolean[n];
        boolean[] leans = new boolean[n];
        for (int i = 0; i < n; i++) {
            String text = sentences.get(i).text();
            quotable[i] = sentences.get(i).words() >= MIN_WORDS && !text.endsWith("?") && !text.endsWith(":");
            if (quotable[i]) {
                var failure = safetyCheck.check(text, level);
                if (failure.isPresent()) {
                    counters.count("output-check.sentence-dropped." + failure.get().name().toLowerCase(java.util.Locale.ROOT));
                    quotable[i] = false;
                }
            }
            leans[i] = cues().types().leansOnPrevious(text);
            double lexical = focusWeight == 0 ? 0 : covered(focus, idf, terms(text)) / focusWeight;
            score[i] = lexical + (type == null ? 0 : 0.2 * Math.min(QuestionTypes.signals(type, text), 3));
        }
        int bestStart = -1;
        int bestEnd = -1;
        double bestScore = -1;
        for (int a = 0; a < n; a++) {
            if (!quotable[a]) {
                continue;
            }
            // a sentence that leans on the one before it brings it (and its own antecedent), within the passage
            int from = a;
            while (from > 0 && leans[from] && quotable[from - 1]) {
                from--;
            }
            if ((leans[from] && !(from == 0 && scored.opens())) || a - from > MAX_ANTECEDENTS) {
                continue; // its antecedent is not in this passage (or too far back): not quoted
            }
            double sum = 0;
            for (int i = from; i < a; i++) {
                sum += score[i];
            }
            for (int b = a; b < n && b - a < maxSentences && quotable[b]; b++) {
                sum += score[b];
                // the sentence that answers should come first (or right after its antecedent), followed by its context
                double s = sum + LEAD_WEIGHT * score[a] + CONTEXT_BONUS * (b - from);
                if (s > bestScore + 1e-9) {
                    bestScore = s;
                    bestStart = from;
                    bestEnd = b;
                }
            }
        }
        if (bestStart < 0) {
            return null;
        }
        List<String> chosen = new ArrayList<>();
        for (int i = bestStart; i <= bestEnd; i++) {
            chosen.add(sentences.get(i).text());
        }
        String text = String.join(" ", chosen);
        String heading = p.section().isBlank() || p.section().equalsIgnoreCase(p.title()) ? p.title() : p.title() + " - " + p.section();
        return new CitedAnswer.Span(heading, chosen, new ChatReply.Citation(p.documentId(), p.passageId(), p.title(), p.url(), text));
    }

    private boolean leansFirst(String text) {
        Sentences.Span first = Sentences.first(text);
        return first != null && cues().types().leansOnPrevious(first.text());
    }

    /** The question's words, as the analyzer's term groups (lay synonyms included), without those that say nothing. */
    private List<Set<String>> questionWords(String question) {
        return index.queryAnalyzer().termGroups(PassageIndex.TEXT_FIELD, question).stream()
                .filter(g -> !cues().ignoredTerms().containsAll(g)).toList();
    }

    /** The word groups without those of the type's cue phrases (all of them when nothing else is left). */
    private List<Set<String>> withoutCueWords(List<Set<String>> groups, QuestionTypes.Type type) {
        if (type == null) {
            return groups;
        }
        Set<String> cue = cues().cueTerms().get(type.id());
        List<Set<String>> focus = groups.stream().filter(g -> g.stream().noneMatch(cue::contains)).toList();
        return focus.isEmpty() ? groups : focus;
    }

    private Set<String> terms(String text) {
        return index.indexAnalyzer().terms(PassageIndex.TEXT_FIELD, text);
    }

    /** The weight of the group's rarest term: the idf of its rarest word in the corpus, the most when none is there. */
    private static double weight(Set<String> group, Map<String, Double> idf) {
        double w = 0;
        for (String t : group) {
            w = Math.max(w, idf.getOrDefault(t, 0.0));
        }
        return w;
    }

    /** The summed weight of the groups the terms hold one of. */
    private static double covered(List<Set<String>> groups, Map<String, Double> idf, Set<String> terms) {
        double sum = 0;
        for (Set<String> group : groups) {
            if (group.stream().anyMatch(terms::contains)) {
                sum += weight(group, idf);
            }
        }
        return sum;
    }

    /** The idf of the words some passage holds, and what a word no passage holds weighs (the most a word can). */
    private record Rarity(Map<String, Double> idf, double unknown) {
    }

    /** Rarer words say more about what is asked: BM25's idf over the passages in the index. */
    private Rarity rarity(List<Set<String>> groups) {
        return index.read(searcher -> {
            Map<String, Double> out = new HashMap<>();
            long n = Math.max(1, searcher.getIndexReader().numDocs());
            for (String t : groups.stream().flatMap(Set::stream).distinct().toList()) {
                int df = searcher.getIndexReader().docFreq(new Term(PassageIndex.TEXT_FIELD, t));
                if (df > 0) {
                    out.put(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
                }
            }
            return new Rarity(out, Math.log(1 + (n + 0.5) / 0.5));
        });
    }
}
