package org.symptomchecker.triage;

import java.util.List;

/**
 * A clinical feature and the ways people write it. {@code conditionalCounts}: an "if" does not make
 * it hypothetical ("nobody would miss me if I killed myself"); {@code namesCondition}: the concept is a
 * condition's name, which counts only when the person says they have it, not when they ask about it,
 * read about it or deny it; {@code names}: the concept's words that are such a name ("heart attack"
 * within chest pain), read the same way; {@code frame}: a figurative concept that frames the rest of its
 * segment as a story, a film, homework or the news ("a thriller where the detective has a seizure");
 * {@code underAge}: the concept says the person is younger than this many years (a child, a baby), so a known
 * older age rules out what needs it.
 */
public record Concept(String id, String description, boolean symptom, boolean historyCounts, boolean conditionalCounts,
                      boolean namesCondition, boolean figurative, boolean frame, boolean corrects, List<String> names,
                      List<String> withdraws, Integer underAge, List<String> patterns, int line) {

    /** Whether these matched words name a condition rather than describe a symptom. */
    public boolean isName(String words) {
        String padded = " " + words + " ";
        return namesCondition || names.stream().anyMatch(n -> padded.contains(" " + n + " "));
    }
}
