package org.symptomchecker.triage;

import java.util.List;

/** A labelled case of the evaluation set: the messages, the person, and the level a clinician would give. */
public record EvaluationCase(String source, List<TriageMessage> messages, Integer age, String sex, TriageLevel expected, String note) {
}
