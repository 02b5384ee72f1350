package org.symptomchecker.interview;

import org.symptomchecker.answer.InterviewStatus;
import org.symptomchecker.answer.Disposition;
import org.symptomchecker.answer.ChatReply;

import java.util.List;

/**
 * What the interview says this turn: the reply, the question asked (if any), where it stands, how it ended, and the
 * language model that phrased its cited content (null when none did).
 */
public record InterviewTurn(String reply, String asks, List<ChatReply.FollowUp> followUps, InterviewStatus status,
                            Disposition disposition, List<ChatReply.Citation> citations, ChatReply.AnsweredBy answeredBy) {
}
