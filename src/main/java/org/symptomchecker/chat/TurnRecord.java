package org.symptomchecker.chat;

import java.util.List;

/**
 * What a turn stores, in one transaction ({@link ConversationStore#record}).
 *
 * @param keepMessages  false when the conversation reached its cap: the state and profile are kept, the texts not
 * @param interviewFlow the interview the conversation is in after this turn (null: unchanged)
 * @param triageState   the triage state to keep, as JSON (encrypted when stored)
 * @param gap           what the corpus lacked for this turn's question (null: nothing), kept redacted for the content team
 */
public record TurnRecord(ConversationStore.Profile profile, String userText, String replyText, String asks,
                         boolean keepMessages, String interviewFlow, boolean interviewDone, String triageState,
                         Triaged triage, ContentGap.Kind gap) {

    public TurnRecord(ConversationStore.Profile profile, String userText, String replyText, String asks, boolean keepMessages,
                      String interviewFlow, boolean interviewDone, String triageState, Triaged triage) {
        this(profile, userText, replyText, asks, keepMessages, interviewFlow, interviewDone, triageState, triage, null);
    }

    /** The text-free record of the turn's triage, kept after the conversation is erased. */
    public record Triaged(String level, List<String> ruleIds, String ruleSetVersion, long corpusVersion, String channel,
                          Long contentRelease) {

        public Triaged(String level, List<String> ruleIds, String ruleSetVersion, long corpusVersion, String channel) {
            this(level, ruleIds, ruleSetVersion, corpusVersion, channel, null);
        }
    }
}
