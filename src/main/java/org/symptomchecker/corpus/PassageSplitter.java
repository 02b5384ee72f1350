package org.symptomchecker.corpus;

import java.util.ArrayList;
import java.util.List;

/** Cuts a document body into passages of whole sentences, at most a set number of words, never across a heading. */
public final class PassageSplitter {

    /** A passage before it is stored. */
    public record Chunk(int ordinal, int start, int end, String text) {
    }

    private final int maxWords;

    public PassageSplitter(int maxWords) {
        this.maxWords = maxWords;
    }

    public List<Chunk> split(String body) {
        List<Chunk> chunks = new ArrayList<>();
        int start = -1;
        int end = -1;
        int words = 0;
        for (Sentences.Span s : Sentences.split(body)) {
            int w = s.words();
            boolean full = start >= 0 && words + w > maxWords;
            if (start >= 0 && (full || s.startsSection())) {
                chunks.add(chunk(body, chunks.size(), start, end));
                start = -1;
                words = 0;
            }
            if (start < 0) {
                start = s.start();
            }
            end = s.end();
            words += w;
        }
        if (start >= 0) {
            chunks.add(chunk(body, chunks.size(), start, end));
        }
        return chunks;
    }

    private static Chunk chunk(String body, int ordinal, int start, int end) {
        return new Chunk(ordinal, start, end, body.substring(start, end));
    }
}
