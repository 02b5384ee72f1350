package org.symptomchecker.triage;

/**
 * How a concept is mentioned: as happening now, denied, in the past, only asked about, or denied with
 * doubt ("I don't think I have numbness"), where the safe reading is that it may be there.
 */
enum MentionStatus { CURRENT, NEGATED, HISTORY, HYPOTHETICAL, UNCERTAIN }
