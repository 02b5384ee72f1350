package org.symptomchecker.corpus;

import java.util.List;

/** What an import did: documents added, updated, unchanged and retired, and what it refused and why. */
public record ImportReport(
        int added,
        int updated,
        int unchanged,
        int retired,
        int rejected,
        List<Rejection> rejections,
        int filesParsed,
        int filesUnchanged,
        long passagesEmbedded,
        /** Title questions of question-answer documents embedded (see {@link QuestionTitles}). */
        long questionsEmbedded,
        long durationMs) {

    /** Rejections listed in full in a report; the count covers all. */
    public static final int MAX_LISTED_REJECTIONS = 500;
}
