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
        org.symptomchecker.answer.Disposition disposition,
        AnsweredBy answeredBy,
        String answerMode,
        Long contentRelease) {

    /** The reply's mode when no language model wrote any of it: quoted sentences, fixed replies, questions. */
    public static final String EXTRACTIVE = "extractive";
    /** The reply's mode when a language model phrased its cited sentences (see {@link #answeredBy}). */
    public static final String LLM = "llm";

    public ChatReply(String conversationId, String reply, Triage triage, List<Citation> citations, List<FollowUp> followUps,
                     org.symptomchecker.answer.InterviewStatus interview, org.symptomchecker.answer.Disposition disposition,
                     AnsweredBy answeredBy) {
        this(conversationId, reply, triage, citations, followUps, interview, disposition, answeredBy,
                answeredBy == null ? EXTRACTIVE : LLM, null);
    }

    /** The same reply, naming the content release it was made from (null: content read from the files). */
    public ChatReply withContentRelease(Long release) {
        return new ChatReply(conversationId, reply, triage, citations, followUps, interview, disposition, answeredBy, answerMode, release);
    }

    public ChatReply(String conversationId, String reply, Triage triage, List<Citation> citations, List<FollowUp> followUps,
                     org.symptomchecker.answer.InterviewStatus interview, org.symptomchecker.answer.Disposition disposition) {
        this(conversationId, reply, triage, citations, followUps, interview, disposition, null);
    }

    /**
     * The language model that phrased the reply's cited sentences and the hash of the prompts it was given
     * ({@code prompts/llm/}); null when no model was used (the extractive answer, fixed replies, the interview).
     */
    public record AnsweredBy(String model, String promptHash) {
    }

    /** A vetted passage a sentence of the reply comes from. */
    public record Citation(String documentId, String passageId, String title, String url, String snippet) {
    }

    /** A question the service asks, with quick-reply options. */
    public record FollowUp(String text, List<String> options) {
    }
}
