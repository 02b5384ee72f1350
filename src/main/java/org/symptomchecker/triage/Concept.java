package org.symptomchecker.triage;

import java.util.List;

/** A clinical feature and the ways people write it. */
public record Concept(String id, String description, boolean symptom, boolean historyCounts,
                      List<String> withdraws, List<String> patterns, int line) {
}
