package org.symptomchecker.answer;

import org.symptomchecker.triage.Triage;

import java.util.List;

/** The service's answer to one message, in the shape every channel receives. */
public record ChatReply(
        String conversationId,
        String reply,
        Triage triage,
        List<Citation> citations,
        List<FollowUp> followUps,
        org.symptomchecker.answer.InterviewStatus interview,
        org.symptomchecker.answer.Disposition disposition) {

    /** A vetted passage a sentence of the reply comes from. */
    public record Citation(String documentId, String passageId, String title, String url, String snippet) {
    }

    /** A question the service asks, with quick-reply options. */
    public record FollowUp(String text, List<String> options) {
    }
}
