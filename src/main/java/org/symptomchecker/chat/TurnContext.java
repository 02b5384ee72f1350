package org.symptomchecker.chat;

import org.symptomchecker.triage.TriageMessage;
import org.symptomchecker.triage.TriageState;

import java.util.List;

/**
 * What one turn knows of its conversation when it starts: read in one transaction by
 * {@link ConversationStore#context}, or made up from the request alone when the store is down.
 *
 * @param conversationId the conversation's id (a new one is not stored until the turn is recorded)
 * @param version        the row version read, which the turn's record must still find
 * @param isNew          no stored conversation: the turn starts one
 * @param replaces       an expired conversation a new one replaces (erased when the turn is recorded)
 * @param profile        the stored age, sex, channel and region
 * @param messageCount   messages stored so far
 * @param storedChars    characters of stored, encrypted text
 * @param state          the kept triage state; null: rebuild it from the turns
 * @param recent         the last messages, oldest first (what the interview reads)
 */
public record TurnContext(String conversationId, long version, boolean isNew, String replaces,
                          ConversationStore.Profile profile, String interviewFlow, boolean interviewDone,
                          int messageCount, long storedChars, TriageState state, List<TriageMessage> recent) {

    static TurnContext fresh(String id, String replaces) {
        return new TurnContext(id, 0, true, replaces, new ConversationStore.Profile(null, null, null, null),
                null, false, 0, 0, null, List.of());
    }

    /** The unfinished interview flow, if any. */
    public String activeFlow() {
        return interviewDone ? null : interviewFlow;
    }

    /** The interview flow this conversation finished, if any. */
    public String finishedFlow() {
        return interviewDone ? interviewFlow : null;
    }
}
