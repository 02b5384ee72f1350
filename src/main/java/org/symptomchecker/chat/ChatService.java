package org.symptomchecker.chat;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.triage.Triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where every message is answered, whatever channel it came from: open the conversation, triage, answer
 * from the vetted corpus, record the turn, reply.
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);
    private static final Pattern GREETING = Pattern.compile(
            "^(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening)|greetings|yo)( there)?[\\s!.,]*$");

    private final ConversationStore conversations;
    private final ExtractiveAnswerer answerer;
    private final ReplyTemplates templates;

    public ChatService(ConversationStore conversations, ExtractiveAnswerer answerer, ReplyTemplates templates) {
        this.conversations = conversations;
        this.answerer = answerer;
        this.templates = templates;
    }

    public ChatReply reply(ChatRequest request) {
        Conversation conversation = conversations.openOrStart(request.conversationId(),
                new ConversationStore.Profile(request.age(), request.sex(), request.channel()));
        String message = request.message().strip();
        Triage triage = Triage.none(null);
        List<ChatReply.Citation> citations = new ArrayList<>();
        String reply;
        if (GREETING.matcher(message.toLowerCase(Locale.ROOT)).matches()) {
            reply = templates.greeting();
        } else {
            CitedAnswer answer = answerer.answer(message);
            reply = answer.isEmpty() ? templates.noAnswer() : compose(answer, citations);
        }
        conversations.recordTurn(conversation.id, message, reply, null);
        LOG.debugf("conversation %s: replied with %d citations", conversation.id, citations.size());
        return new ChatReply(conversation.id, reply, triage, citations, List.of(), null, null);
    }

    private String compose(CitedAnswer answer, List<ChatReply.Citation> citations) {
        StringBuilder text = new StringBuilder(templates.leadIn()).append("\n\n");
        for (CitedAnswer.CitedSentence s : answer.sentences()) {
            citations.add(s.citation());
            text.append(s.text()).append(" [").append(citations.size()).append("]\n");
        }
        return text.append('\n').append(templates.disclaimer()).toString();
    }
}
