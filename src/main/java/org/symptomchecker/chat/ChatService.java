package org.symptomchecker.chat;

import org.symptomchecker.answer.ReplyTemplates;
import org.symptomchecker.answer.ExtractiveAnswerer;
import org.symptomchecker.answer.CitedAnswer;
import org.symptomchecker.answer.ChatReply;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.answer.Disposition;
import org.symptomchecker.answer.InterviewStatus;
import org.symptomchecker.interview.InterviewTurn;
import org.symptomchecker.interview.Interviewer;
import org.symptomchecker.retrieval.PassageIndex;
import org.symptomchecker.triage.Guardrails;
import org.symptomchecker.triage.Region;
import org.symptomchecker.triage.TriageLevel;
import org.symptomchecker.triage.TriageMessage;
import org.symptomchecker.triage.TriageOutcome;
import org.symptomchecker.triage.TriageReplies;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where every message is answered, whatever channel it came from: open the conversation, triage the
 * whole conversation, route red flags to fixed responses, otherwise answer from the vetted corpus with
 * the advice line for the level, check the reply, record the turn. Triage runs even when the
 * conversation store or retrieval is down.
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);
    private static final Pattern GREETING = Pattern.compile(
            "^(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening)|greetings|yo)( there)?[\\s!.,]*$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConversationStore conversations;
    private final ExtractiveAnswerer answerer;
    private final ReplyTemplates templates;
    private final Guardrails guardrails;
    private final TriageReplies triageReplies;
    private final PassageIndex index;
    private final Interviewer interviewer;

    public ChatService(ConversationStore conversations, ExtractiveAnswerer answerer, ReplyTemplates templates,
                       Guardrails guardrails, TriageReplies triageReplies, PassageIndex index, Interviewer interviewer) {
        this.interviewer = interviewer;
        this.index = index;
        this.conversations = conversations;
        this.answerer = answerer;
        this.templates = templates;
        this.guardrails = guardrails;
        this.triageReplies = triageReplies;
    }

    public ChatReply reply(ChatRequest request) {
        String message = request.message().strip();
        Conversation conversation = null;
        List<TriageMessage> turns = new ArrayList<>();
        try {
            conversation = conversations.openOrStart(request.conversationId(),
                    new ConversationStore.Profile(request.age(), request.sex(), request.channel(), request.region()));
            for (ConversationMessage m : conversations.history(conversation.id)) {
                turns.add(new TriageMessage(m.role == ConversationMessage.Role.USER ? "user" : "assistant", m.text, m.asks));
            }
        } catch (RuntimeException storeDown) {
            LOG.warnf("conversation store unavailable (%s): triaging the request's own history", storeDown.getClass().getSimpleName());
            if (request.history() != null) {
                request.history().forEach(t -> turns.add(new TriageMessage(t.role() == null ? "user" : t.role(), t.text(), t.asks())));
            }
        }
        turns.add(TriageMessage.user(message));
        Integer age = request.age() != null ? request.age() : conversation == null ? null : conversation.age;
        String sex = request.sex() != null ? request.sex() : conversation == null ? null : conversation.sex;
        TriageOutcome triage = guardrails.triage(turns, age, sex);
        Region region = guardrails.region(request.region() != null ? request.region() : conversation == null ? null : conversation.region,
                request.channel() != null ? request.channel() : conversation == null ? null : conversation.channel);

        List<ChatReply.Citation> citations = new ArrayList<>();
        List<ChatReply.FollowUp> followUps = List.of();
        InterviewStatus interview = null;
        Disposition disposition = null;
        String asks = null;
        String activeFlow = conversation != null && !Boolean.TRUE.equals(conversation.interviewDone) ? conversation.interviewFlow : null;
        String reply = triageReplies.confirmReply(triage, region);
        if (reply != null) {
            // a correction: ask the one direct question that confirms it before anything is taken back
            asks = triage.confirm();
            followUps = List.of(new ChatReply.FollowUp(guardrails.confirmQuestion(triage.confirm()), List.of("Yes", "No")));
        } else {
            reply = triageReplies.fixedReply(triage, region);
        }
        if (asks != null) {
            if (activeFlow != null) {
                interview = new InterviewStatus(activeFlow, 0, 0, true);
            }
        } else if (reply != null) {
            if (activeFlow != null) {
                interview = new InterviewStatus(activeFlow, 0, 0, true); // a red flag ends the interview: it is routed
            }
        } else {
            String finishedFlow = conversation != null && Boolean.TRUE.equals(conversation.interviewDone) ? conversation.interviewFlow : null;
            InterviewTurn turn = triage.unreadable() ? null : interviewer.next(turns, activeFlow, finishedFlow, triage, region);
            if (turn != null) {
                reply = turn.reply();
                asks = turn.asks();
                followUps = turn.followUps();
                interview = turn.status();
                disposition = turn.disposition();
                citations.addAll(turn.citations());
            } else {
                reply = answer(message, triage, region, citations);
            }
        }
        reply = triageReplies.checked(reply, triage.level(), region);
        if (!reply.contains(citationMark(citations.size()))) {
            citations.clear(); // the reply was replaced: it cites nothing
            if (disposition != null) {
                disposition = new Disposition(disposition.level(), disposition.why(), disposition.next(), List.of());
            }
        }

        String conversationId = conversation != null ? conversation.id
                : request.conversationId() != null ? request.conversationId() : newId();
        if (conversation != null) {
            try {
                conversations.recordTurn(conversation.id, message, reply, asks);
                if (interview != null) {
                    conversations.setInterview(conversation.id, interview.flow(), interview.done());
                }
                conversations.recordTriage(triage.level().name(), triage.ruleIds(), triage.ruleSetVersion(), index.appliedSeq(),
                        conversation.channel);
            } catch (RuntimeException storeDown) {
                LOG.warnf("conversation %s: turn not recorded (%s)", conversation.id, storeDown.getClass().getSimpleName());
            }
        }
        LOG.debugf("conversation %s: level %s, %d citations", conversationId, triage.level(), citations.size());
        return new ChatReply(conversationId, reply, triage.triage(), citations, followUps, interview, disposition);
    }

    /** Vetted content for the message, with the advice line its level calls for. */
    private String answer(String message, TriageOutcome triage, Region region, List<ChatReply.Citation> citations) {
        String advice = triageReplies.adviceLine(triage, region);
        if (triage.level() == TriageLevel.NONE && GREETING.matcher(message.toLowerCase(Locale.ROOT)).matches()) {
            return templates.greeting();
        }
        CitedAnswer answer;
        try {
            answer = answerer.answer(message, triage.level());
        } catch (RuntimeException retrievalDown) {
            LOG.warnf("retrieval unavailable (%s): answering without vetted content", retrievalDown.getClass().getSimpleName());
            answer = new CitedAnswer(List.of());
        }
        String body = answer.isEmpty() ? templates.noAnswer() : compose(answer, citations);
        return advice == null ? body : body + "\n\n" + advice;
    }

    private String compose(CitedAnswer answer, List<ChatReply.Citation> citations) {
        return templates.leadIn() + "\n\n" + answer.quote(citations) + "\n" + templates.disclaimer();
    }

    private static String citationMark(int n) {
        return n == 0 ? "" : "[" + n + "]";
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
