package org.symptomchecker.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.symptomchecker.retrieval.DocumentPassage;
import org.symptomchecker.retrieval.PassageIndex;
import org.symptomchecker.triage.TriageLevel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default answerer on the shipped corpus and the real index: every answer to the dev answer set's questions is
 * made of spans that are contiguous sentences of their cited passage, in order, none opening on a sentence that leans
 * on one before it unless it opens its section (read under the section's heading); a question about what the corpus lacks gets nothing; a topic without the type asked says so.
 */
@QuarkusTest
class CoherentAnswerTest {

    @Inject
    ExtractiveAnswerer answerer;
    @Inject
    PassageIndex index;
    @Inject
    ReplyTemplates templates;
    @Inject
    org.symptomchecker.retrieval.HybridRetriever retriever;

    static List<String> devQuestions() throws IOException {
        List<String> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(Path.of("bench", "answers", "answers-dev.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode row = json.readTree(line);
                out.add(row.path("question").asText());
            }
        }
        return out;
    }

    @Test
    void eachPassageOfAFoundDocumentCarriesItsSimilarityToTheQuestionAsTheSearchMeasuredIt() {
        var found = retriever.find("how long does shingles pain last", 3);
        assertThat(found.hits()).isNotEmpty();
        for (var hit : found.hits()) {
            List<DocumentPassage> passages = retriever.passagesOf(hit.documentId(), found, java.util.Set.of());
            assertThat(passages).hasSizeGreaterThan(0).allSatisfy(p -> assertThat(p.similarity()).isBetween(-1f, 1f));
            DocumentPassage same = passages.stream().filter(p -> p.passageId().equals(hit.passageId())).findFirst().orElseThrow();
            assertThat((double) same.similarity()).isCloseTo((double) hit.similarity(), org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(index.passagesOf(found.hits().get(0).documentId())).allSatisfy(p -> assertThat(p.similarity()).isNaN());
    }

    @Test
    void theQuestionTermsAPassageHoldsAreReadFromTheIndexAsTheAnalyzerWouldFindThemInItsText() throws IOException {
        int held = 0;
        for (String question : devQuestions().subList(0, 20)) {
            var found = retriever.find(question, 3);
            java.util.Set<String> asked = new java.util.HashSet<>(index.indexAnalyzer().terms(PassageIndex.TEXT_FIELD, question));
            asked.add("zzznotaword");
            for (var hit : found.hits()) {
                for (DocumentPassage p : retriever.passagesOf(hit.documentId(), found, asked)) {
                    java.util.Set<String> expected = new java.util.HashSet<>(index.indexAnalyzer().terms(PassageIndex.TEXT_FIELD, p.text()));
                    expected.retainAll(asked);
                    assertThat(p.heldTerms()).as(question + " / " + p.passageId()).isEqualTo(expected);
                    held += p.heldTerms().size();
                }
            }
        }
        assertThat(held).as("terms found held in passages").isGreaterThan(20);
        assertThat(index.passagesOf(retriever.find(devQuestions().get(0), 1).hits().get(0).documentId()))
                .allSatisfy(p -> assertThat(p.heldTerms()).isEmpty());
    }

    @Test
    void aPassagesFirstSentenceIsTheFirstOfItsSentences() throws IOException {
        for (String question : devQuestions().subList(0, 10)) {
            for (var hit : retriever.find(question, 3).hits()) {
                for (DocumentPassage p : index.passagesOf(hit.documentId())) {
                    var all = org.symptomchecker.corpus.Sentences.split(p.text());
                    assertThat(org.symptomchecker.corpus.Sentences.first(p.text())).isEqualTo(all.isEmpty() ? null : all.get(0));
                }
            }
        }
        assertThat(org.symptomchecker.corpus.Sentences.first("# A heading only\n")).isNull();
    }

    @Test
    void everySpanIsContiguousSentencesOfItsPassageOpeningOnOneThatLeansBackOnlyUnderItsHeading() throws IOException {
        int spans = 0;
        int leaningOpeners = 0;
        for (String question : devQuestions()) {
            CitedAnswer answer = answerer.answer(question, TriageLevel.NONE);
            for (CitedAnswer.Span span : answer.spans()) {
                spans++;
                DocumentPassage passage = index.passagesOf(span.citation().documentId()).stream()
                        .filter(p -> p.passageId().equals(span.citation().passageId())).findFirst().orElseThrow();
                // contiguous: the span is the passage's own run of sentences (a paragraph break inside it reads as a space)
                assertThat(passage.text().replaceAll("\\s+", " ")).as(question).contains(span.text());
                List<DocumentPassage> all = index.passagesOf(passage.documentId());
                int at = all.indexOf(all.stream().filter(p -> p.passageId().equals(passage.passageId())).findFirst().orElseThrow());
                boolean opensSection = at == 0 || !all.get(at - 1).section().equals(passage.section());
                boolean sectioned = !passage.section().isBlank() && !passage.section().equalsIgnoreCase(passage.title());
                // the span is read under its document's title and, when the passage has one, its section heading
                assertThat(span.title()).isEqualTo(sectioned ? passage.title() + " - " + passage.section() : passage.title());
                if (QuestionTypesTest.TYPES.leansOnPrevious(span.sentences().get(0))) {
                    // a sentence that leans back opens a span only where its heading gives it what it leans on
                    assertThat(opensSection && passage.text().strip().startsWith(span.sentences().get(0)))
                            .as(question + ": " + span.sentences().get(0)).isTrue();
                    leaningOpeners++;
                }
            }
        }
        assertThat(spans).as("the dev questions got answers").isGreaterThan(50);
        assertThat(leaningOpeners).as("some answers open a section whose first sentence leans on its heading").isGreaterThan(0);
    }

    @Test
    void aQuestionAboutWhatTheCorpusLacksGetsNoAnswer() {
        assertThat(answerer.answer("what helps with migraines", TriageLevel.NONE).isEmpty()).isTrue();
        assertThat(answerer.answer("why do i keep getting heartburn after eating", TriageLevel.NONE).isEmpty()).isTrue();
    }

    @Test
    void aTopicWithoutTheTypeAskedSaysSoAndGivesWhatItHas() {
        CitedAnswer answer = answerer.answer("when should you see a doctor about shingles", TriageLevel.NONE);
        assertThat(answer.note()).isEqualTo(templates.typeMissing("when to see a doctor", "Shingles (herpes zoster)"));
        assertThat(answer.spans()).isNotEmpty();
        assertThat(answer.spans().get(0).citation().documentId()).isEqualTo("shingles");
    }

    @Test
    void aQuestionOfATypeGetsThePassageOfThatType() {
        CitedAnswer answer = answerer.answer("how long does shingles last", TriageLevel.NONE);
        assertThat(answer.note()).isNull();
        assertThat(answer.spans().get(0).citation().documentId()).isEqualTo("shingles");
        assertThat(answer.spans().get(0).text()).contains("one to two weeks");
    }

    @Test
    void withinAnInterviewsTopicTheAnswerNeverSaysWhatIsMissing() {
        CitedAnswer answer = answerer.answer("when should you see a doctor about shingles", "shingles rash self-care antiviral", TriageLevel.SELF_CARE);
        assertThat(answer.note()).isNull();
    }
}
