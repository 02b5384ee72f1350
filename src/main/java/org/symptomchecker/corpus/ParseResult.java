package org.symptomchecker.corpus;

import java.util.List;

/** What one import file yielded: the documents it holds and the records that were refused. */
public record ParseResult(List<ParsedDocument> documents, List<Rejection> rejections, boolean fileReadable) {

    static ParseResult unreadable(Rejection why) {
        return new ParseResult(List.of(), List.of(why), false);
    }
}
