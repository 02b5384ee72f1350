package org.symptomchecker.corpus;

import java.util.List;

/** A document as the index must now show it: its status, and its passages when approved. */
public record DocumentChange(String id, String title, String url, DocumentStatus status, long changeSeq,
                             List<Passage> passages) {
}
