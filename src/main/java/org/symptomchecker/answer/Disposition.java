package org.symptomchecker.answer;

import org.symptomchecker.triage.TriageLevel;

import java.util.List;

/** How an interview ended: the level, why, what to do next, and the cited self-care content. */
public record Disposition(TriageLevel level, String why, String next, List<ChatReply.Citation> citations) {
}
