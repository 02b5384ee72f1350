package org.symptomchecker.console.releases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.content.ContentLens;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conversation part of an evaluation: the golden conversations ({@link GoldenConversation}) and the answer set
 * ({@code guardrails/evaluation/answers/*.jsonl}: questions with the document that answers them and sentences a good
 * answer holds), each run through the whole service under the published release and under the candidate.
 * <p>
 * The published release's and the candidate's golden conversations are run together (removing one hides nothing; an
 * id in both is run as the candidate states it). A golden conversation that passes under the published release and
 * fails under the candidate refuses the publish; answers are reported, never refusing (the set measures quality, and
 * its figures are the team's to weigh).
 */
@ApplicationScoped
public class ConversationChecks {

    static final String ANSWERS = "guardrails/evaluation/answers/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A golden conversation's result on one side. */
    public record Outcome(String level, boolean passes, List<String> failures, String lastReply) {
    }

    /** A golden conversation on both sides. */
    public record GoldenResult(String id, String path, String note, String expected, Outcome published, Outcome candidate,
                               boolean changed, boolean regressed) {
    }

    /** A question of the answer set on one side. */
    public record Answered(String level, boolean holdsRequired, boolean rightDocumentFirst, String firstDocument) {
    }

    /** A question of the answer set whose result changed. */
    public record AnswerChange(String id, String file, String question, String document, Answered published, Answered candidate) {
    }

    /** Counts over the answer set: questions, those holding a required sentence, those citing their document first. */
    public record AnswerTotals(int questions, int publishedHolds, int candidateHolds, int publishedRightFirst, int candidateRightFirst) {
    }

    public record Results(List<GoldenResult> golden, List<String> refusals, AnswerTotals answers, List<AnswerChange> changedAnswers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AnswerCase(String id, String question, String document, @JsonProperty("must_contain") List<String> mustContain) {
    }

    private final ContentPreview preview;

    public ConversationChecks(ContentPreview preview) {
        this.preview = preview;
    }

    /** Runs every golden conversation and answer-set question of both sets of content. */
    public Results run(Map<String, String> candidate, Map<String, String> published) {
        Map<String, GoldenConversation.Located> golden = new LinkedHashMap<>(GoldenConversation.read(published));
        golden.putAll(GoldenConversation.read(candidate));
        ContentLens before = preview.lens(published);
        ContentLens after = preview.lens(candidate);
        List<GoldenResult> results = new ArrayList<>();
        int regressed = 0;
        for (GoldenConversation.Located located : golden.values()) {
            GoldenConversation g = located.golden();
            ContentPreview.Comparison c = preview.compare(before, after, g.conversation());
            Outcome b = outcome(g, c.published());
            Outcome a = outcome(g, c.draft());
            boolean worse = b.passes() && !a.passes();
            regressed += worse ? 1 : 0;
            results.add(new GoldenResult(g.id(), located.path(), g.note(), g.level().name(), b, a,
                    !c.differingTurns().isEmpty() || b.passes() != a.passes(), worse));
        }
        List<String> refusals = new ArrayList<>();
        if (regressed > 0) {
            refusals.add(regressed + " golden conversation(s) that pass under the published release fail under this content");
        }
        Map<String, AnswerCase> answers = new LinkedHashMap<>(answerCases(published));
        answers.putAll(answerCases(candidate));
        List<AnswerChange> changed = new ArrayList<>();
        int[] totals = new int[4];
        for (Map.Entry<String, AnswerCase> e : answers.entrySet()) {
            AnswerCase q = e.getValue();
            ContentPreview.Conversation one = new ContentPreview.Conversation(List.of(q.question()), null, null, null, null);
            Answered b = answered(q, preview.run("published", before, one).last());
            Answered a = answered(q, preview.run("draft", after, one).last());
            totals[0] += b.holdsRequired() ? 1 : 0;
            totals[1] += a.holdsRequired() ? 1 : 0;
            totals[2] += b.rightDocumentFirst() ? 1 : 0;
            totals[3] += a.rightDocumentFirst() ? 1 : 0;
            if (!b.equals(a)) {
                changed.add(new AnswerChange(q.id(), e.getKey().substring(0, e.getKey().indexOf('#')), q.question(), q.document(), b, a));
            }
        }
        return new Results(results, refusals, new AnswerTotals(answers.size(), totals[0], totals[1], totals[2], totals[3]), changed);
    }

    /** A golden conversation's checks on one side's turns. */
    static Outcome outcome(GoldenConversation g, ContentPreview.Side side) {
        ContentPreview.TurnView last = side.last();
        List<String> failures = new ArrayList<>();
        if (!last.level().equals(g.level().name())) {
            failures.add("level " + last.level() + ", expected " + g.level());
        }
        List<String> cited = ContentPreview.documents(last);
        for (String doc : g.cite()) {
            if (!cited.contains(doc)) {
                failures.add("does not cite " + doc);
            }
        }
        for (String phrase : g.must()) {
            if (!GoldenConversation.holds(last.reply(), phrase)) {
                failures.add("last reply lacks \"" + phrase + "\"");
            }
        }
        for (String phrase : g.mustNot()) {
            for (int i = 0; i < side.turns().size(); i++) {
                if (GoldenConversation.holds(side.turns().get(i).reply(), phrase)) {
                    failures.add("reply " + (i + 1) + " holds \"" + phrase + "\"");
                }
            }
        }
        return new Outcome(last.level(), failures.isEmpty(), failures, last.reply());
    }

    private static Answered answered(AnswerCase q, ContentPreview.TurnView turn) {
        List<String> docs = ContentPreview.documents(turn);
        String first = docs.isEmpty() ? null : docs.get(0);
        boolean holds = q.mustContain() != null && q.mustContain().stream().anyMatch(s -> GoldenConversation.holds(turn.reply(), s));
        boolean right = q.document() == null ? first == null : q.document().equals(first);
        return new Answered(turn.level(), holds, right, first);
    }

    /** The answer-set questions of a set of content files, keyed by file and id. */
    static Map<String, AnswerCase> answerCases(Map<String, String> items) {
        Map<String, AnswerCase> out = new LinkedHashMap<>();
        items.forEach((path, text) -> {
            if (!path.startsWith(ANSWERS) || !path.endsWith(".jsonl")) {
                return;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                try {
                    AnswerCase q = JSON.readValue(lines[i], AnswerCase.class);
                    if (q.id() == null || q.question() == null || q.question().isBlank()) {
                        throw new IllegalArgumentException("'id' and 'question' are required");
                    }
                    out.put(path + "#" + q.id(), q);
                } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                    throw new ApiProblem(422, "Invalid answer set", path + " line " + (i + 1) + ": "
                            + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
                }
            }
        });
        return out;
    }
}
