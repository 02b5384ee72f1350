package org.symptomchecker.interview;

import org.symptomchecker.answer.InterviewStatus;
import org.symptomchecker.answer.Disposition;
import org.symptomchecker.answer.ChatReply;

import java.util.List;

/** What the interview says this turn: the reply, the question asked (if any), where it stands, and how it ended. */
public record InterviewTurn(String reply, String asks, List<ChatReply.FollowUp> followUps, InterviewStatus status,
                            Disposition disposition, List<ChatReply.Citation> citations) {
}
