package org.symptomchecker.triage;

/** How a concept is mentioned: as happening now, denied, in the past, or only asked about. */
enum MentionStatus { CURRENT, NEGATED, HISTORY, HYPOTHETICAL }
