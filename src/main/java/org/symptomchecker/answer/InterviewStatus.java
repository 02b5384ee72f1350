package org.symptomchecker.answer;

/** Where an interview stands: the flow, the question just asked (or answered), how many at most, whether it ended. */
public record InterviewStatus(String flow, int step, int of, boolean done) {
}
