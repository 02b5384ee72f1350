package org.symptomchecker.interview;

import org.symptomchecker.answer.InterviewStatus;
import org.symptomchecker.answer.Disposition;
import org.symptomchecker.triage.InterviewFlow;
import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.answer.AnswerWriter;
import org.symptomchecker.answer.CitedAnswer;
import org.symptomchecker.answer.GuardedAnswerer;
import org.symptomchecker.answer.ReplyTemplates;
import org.symptomchecker.triage.AnswerReader;
import org.symptomchecker.triage.Guardrails;
import org.symptomchecker.triage.Region;
import org.symptomchecker.triage.TriageLevel;
import org.symptomchecker.triage.TriageMessage;
import org.symptomchecker.triage.TriageOutcome;
import org.symptomchecker.triage.TriageState;
import org.symptomchecker.triage.TriageReplies;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The screening interview: recognises a complaint, asks the flow's questions one at a time (emergency
 * screening first), understands real answers, and ends with a disposition and cited self-care content.
 * Its state is the conversation itself (the questions asked are stored turns), so any instance continues it.
 */
@ApplicationScoped
public class Interviewer {

    private final Guardrails guardrails;
    private final GuardedAnswerer answerer;
    private final ReplyTemplates templates;
    private final TriageReplies triageReplies;
    private final AnswerWriter writer;

    public Interviewer(Guardrails guardrails, GuardedAnswerer answerer, ReplyTemplates templates, TriageReplies triageReplies,
                       AnswerWriter writer) {
        this.writer = writer;
        this.guardrails = guardrails;
        this.answerer = answerer;
        this.templates = templates;
        this.triageReplies = triageReplies;
    }

    /**
     * The interview's turn, or null when no interview applies (then the message gets a normal answer).
     * {@code turns} holds the conversation's last messages, the current message last (the interview reads its own
     * questions and answers there); {@code state} is the conversation's triage state after the current message,
     * which says what the person has said anywhere in it; {@code activeFlow} is the unfinished flow, if any.
     */
    public InterviewTurn next(List<TriageMessage> turns, TriageState state, String activeFlow, String finishedFlow,
                              TriageOutcome triage, Region region) {
        String message = turns.get(turns.size() - 1).text();
        if (activeFlow == null && informationRequest(message)) {
            return null; // "what exercises can I do for tight hip flexors": answered first, no screening
        }
        InterviewFlow flow = recognised(message, activeFlow, finishedFlow);
        if (flow == null) {
            return null;
        }
        boolean newFlow = !flow.id().equals(activeFlow);
        List<TriageMessage> flowTurns = newFlow ? List.of(turns.get(turns.size() - 1)) : sinceFlowStart(turns, flow);
        if (!newFlow && templates.asksToSkip(message)) {
            return skipped(flow, flowTurns, message, triage, region);
        }
        TriageMessage lastAsked = lastAssistant(flowTurns);
        if (!newFlow && lastAsked != null && lastAsked.asks() != null && templates.asksWhy(message)) {
            InterviewFlow.Question q = question(flow, lastAsked.asks());
            if (q != null) {
                return ask(flow, q, q.why() + "\n\n" + q.text(), flowTurns);
            }
        }
        // a question answered "not sure": ask it once more in plainer words
        if (!newFlow && lastAsked != null && lastAsked.asks() != null && "UNSURE".equals(AnswerReader.kind(message))) {
            InterviewFlow.Question q = question(flow, lastAsked.asks());
            if (q != null && q.emergency() && unsureAnswers(flowTurns, q.concept()) == 1) {
                return ask(flow, q, templates.reaskPrefix() + " " + q.plain(), flowTurns);
            }
        }
        Set<String> known = new java.util.HashSet<>(state.said());
        if (state.ageStated()) {
            known.add(InterviewFlow.AGE); // "i'm 34", said in passing or in reply to another question: not asked again
        }
        turns.stream().filter(TriageMessage::fromUser).forEach(t -> known.addAll(statedFacts(t.text())));
        // a reply that gave a fact instead of answering ("i'm 34" or "about 3 days" to "Have you ever had cancer?"): ask again
        if (!newFlow && lastAsked != null && lastAsked.asks() != null && !InterviewFlow.FACTS.contains(lastAsked.asks())
                && !statedFacts(message).isEmpty() && timesAsked(flowTurns, lastAsked.asks()) == 1 && !known.contains(lastAsked.asks())) {
            InterviewFlow.Question q = question(flow, lastAsked.asks());
            if (q != null && q.choiceFlags(message) == null && AnswerReader.read(guardrails.ruleSet(), message) == AnswerReader.Answer.OTHER) {
                return ask(flow, q, q.text(), flowTurns);
            }
        }
        for (InterviewFlow.Question q : flow.questions()) {
            if (asked(flowTurns) >= flow.maxQuestions()) {
                break;
            }
            boolean answered = timesAsked(flowTurns, q.concept()) > 0;
            if (!answered && !known.contains(q.concept())) {
                return ask(flow, q, q.text(), flowTurns);
            }
        }
        return disposition(flow, triage, region, true);
    }

    /**
     * Whether a message asks for information without reporting a symptom as anyone's own: it begins with one of
     * prompts/interview/information-openers.txt and holds none of own-report.txt.
     */
    private boolean informationRequest(String message) {
        String text = ReplyTemplates.phraseText(message);
        boolean opens = templates.informationOpeners().stream().anyMatch(o -> text.startsWith(" " + o + " "));
        return opens && templates.ownReport().stream().noneMatch(w -> text.contains(" " + w + " "));
    }

    /** The facts a message states: an age, how long, which side (see {@link InterviewFlow#FACTS}). */
    private Set<String> statedFacts(String text) {
        Set<String> facts = new java.util.HashSet<>();
        if (AnswerReader.statedAge(text) != null) {
            facts.add(InterviewFlow.AGE);
        }
        if (templates.statesDuration(text)) {
            facts.add(InterviewFlow.DURATION);
        }
        if (templates.statesSide(text)) {
            facts.add(InterviewFlow.SIDE);
        }
        return facts;
    }

    private InterviewFlow recognised(String message, String activeFlow, String finishedFlow) {
        List<InterviewFlow> flows = guardrails.ruleSet().flows();
        Set<String> now = guardrails.currentConcepts(message);
        for (InterviewFlow f : flows) {
            if (f.id().equals(finishedFlow)) {
                continue; // an interview already finished in this conversation is not asked again
            }
            if (!f.fallback() && f.recognise().stream().anyMatch(now::contains)) {
                // a new complaint mid-way starts its own flow; the same complaint continues the current one
                return f.id().equals(activeFlow) || activeFlow == null || !recognisesAny(activeFlow, now) ? f : flow(activeFlow);
            }
        }
        if (activeFlow != null) {
            return flow(activeFlow);
        }
        if (finishedFlow != null) {
            return null;
        }
        boolean symptom = now.stream().anyMatch(c -> guardrails.ruleSet().concepts().get(c).symptom());
        return symptom ? flows.stream().filter(InterviewFlow::fallback).findFirst().orElse(null) : null;
    }

    private boolean recognisesAny(String flowId, Set<String> concepts) {
        InterviewFlow f = flow(flowId);
        return f != null && f.recognise().stream().anyMatch(concepts::contains);
    }

    private InterviewFlow flow(String id) {
        return guardrails.ruleSet().flows().stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }

    private InterviewTurn ask(InterviewFlow flow, InterviewFlow.Question q, String text, List<TriageMessage> flowTurns) {
        int step = Math.min(flow.maxQuestions(), distinctAsked(flowTurns, q.concept()));
        return new InterviewTurn(text, q.concept(), List.of(new ChatReply.FollowUp(text, q.options())),
                new InterviewStatus(flow.id(), step, Math.min(flow.maxQuestions(), flow.questions().size()), false), null, List.of(), null);
    }

    /** The disposition; {@code withContent} false leaves out the cited content (the skip writes its own). */
    private InterviewTurn disposition(InterviewFlow flow, TriageOutcome triage, Region region, boolean withContent) {
        TriageLevel level = triage.level() == TriageLevel.NONE ? TriageLevel.SELF_CARE : triage.level();
        String why = triage.reason() != null ? triage.reason() : templates.noFlags();
        List<ChatReply.Citation> citations = new ArrayList<>();
        StringBuilder reply = new StringBuilder(templates.dispositionIntro(why));
        CitedAnswer content = withContent ? answerer.answer(flow.answerQuery(), "", level) // empty when retrieval is slow or down
                : CitedAnswer.none();
        ChatReply.AnsweredBy answeredBy = null;
        if (!content.isEmpty()) { // the flow's own query, content-team words: nothing the person said goes to a model
            AnswerWriter.Written written = writer.write(flow.answerQuery(), content, level);
            citations.addAll(written.citations());
            answeredBy = written.answeredBy();
            reply.append("\n\n").append(templates.leadIn()).append("\n\n").append(written.text());
        }
        String next = triageReplies.adviceLine(new TriageOutcome(level, triage.ruleIds(), triage.matches(), triage.response(),
                triage.reason(), false, false, false, triage.ruleSetVersion()), region);
        if (next != null) {
            reply.append("\n").append(next);
        }
        int of = Math.min(flow.maxQuestions(), flow.questions().size());
        return new InterviewTurn(reply.toString().strip(), null, List.of(), new InterviewStatus(flow.id(), of, of, true),
                new Disposition(level, why, next, List.copyOf(citations)), citations, answeredBy);
    }

    /** The person asked to skip: answer their question, and list plainly the warning signs not yet asked about. */
    private InterviewTurn skipped(InterviewFlow flow, List<TriageMessage> flowTurns, String message, TriageOutcome triage, Region region) {
        InterviewTurn end = disposition(flow, triage, region, false);
        List<String> unasked = flow.questions().stream().filter(q -> q.emergency() && q.warning() != null
                && timesAsked(flowTurns, q.concept()) == 0).map(InterviewFlow.Question::warning).toList();
        List<ChatReply.Citation> citations = new ArrayList<>();
        StringBuilder reply = new StringBuilder();
        // their question: what they said when the interview began, and what they say now
        String opening = flowTurns.stream().filter(TriageMessage::fromUser).map(TriageMessage::text).findFirst().orElse("");
        String question = opening.equals(message) ? message : opening + " " + message;
        CitedAnswer content = answerer.answer(question, flow.answerQuery(), triage.level()); // empty when retrieval is slow or down
        ChatReply.AnsweredBy answeredBy = null;
        if (!content.isEmpty()) {
            AnswerWriter.Written written = writer.write(question, content, triage.level());
            citations.addAll(written.citations());
            answeredBy = written.answeredBy();
            reply.append(templates.leadIn()).append("\n\n").append(written.text());
        } else {
            reply.append(templates.noAnswer()).append("\n");
        }
        if (!unasked.isEmpty()) {
            reply.append("\n").append(templates.warnings(String.join("; ", unasked))).append("\n");
        }
        if (end.disposition().next() != null) {
            reply.append("\n").append(end.disposition().next());
        }
        return new InterviewTurn(reply.toString().strip(), null, List.of(), end.status(),
                new Disposition(end.disposition().level(), end.disposition().why(), end.disposition().next(), List.copyOf(citations)),
                citations, answeredBy);
    }

    private static List<TriageMessage> sinceFlowStart(List<TriageMessage> turns, InterviewFlow flow) {
        Set<String> concepts = new java.util.HashSet<>();
        flow.questions().forEach(q -> concepts.add(q.concept()));
        int start = turns.size() - 1;
        for (int i = turns.size() - 1; i >= 0; i--) {
            TriageMessage t = turns.get(i);
            if (!t.fromUser() && t.asks() != null && !concepts.contains(t.asks())) {
                break; // a question of another flow: this flow started after it
            }
            start = i;
        }
        return turns.subList(start, turns.size());
    }

    private static TriageMessage lastAssistant(List<TriageMessage> turns) {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (!turns.get(i).fromUser()) {
                return turns.get(i);
            }
        }
        return null;
    }

    private static int timesAsked(List<TriageMessage> turns, String concept) {
        return (int) turns.stream().filter(t -> !t.fromUser() && concept.equals(t.asks())).count();
    }

    /** How many times the person answered "not sure" to a concept's question (the current message included). */
    private static int unsureAnswers(List<TriageMessage> turns, String concept) {
        int count = 0;
        for (int i = 0; i + 1 < turns.size(); i++) {
            if (!turns.get(i).fromUser() && concept.equals(turns.get(i).asks()) && turns.get(i + 1).fromUser()
                    && "UNSURE".equals(AnswerReader.kind(turns.get(i + 1).text()))) {
                count++;
            }
        }
        return count;
    }

    private static int asked(List<TriageMessage> turns) {
        return (int) turns.stream().filter(t -> !t.fromUser() && t.asks() != null).map(TriageMessage::asks).distinct().count();
    }

    private static int distinctAsked(List<TriageMessage> turns, String next) {
        Set<String> asked = new java.util.HashSet<>();
        turns.stream().filter(t -> !t.fromUser() && t.asks() != null).forEach(t -> asked.add(t.asks()));
        asked.add(next);
        return asked.size();
    }

    private static InterviewFlow.Question question(InterviewFlow flow, String concept) {
        return flow.questions().stream().filter(q -> q.concept().equals(concept)).findFirst().orElse(null);
    }
}
