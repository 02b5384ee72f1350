package org.symptomchecker.triage;

import org.symptomchecker.embedding.PassageEmbedder;

import java.util.List;

/** The semantic net's encoder: the service's in-process bge-small-en-v1.5 model, without the retrieval instruction. */
public final class BgeSentenceEncoder implements SentenceEncoder {

    private final PassageEmbedder embedder;

    public BgeSentenceEncoder(PassageEmbedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public List<float[]> encodeAll(List<String> texts) {
        return embedder.embedSentences(texts);
    }

    @Override
    public float[] encode(String text) {
        return embedder.embedSentence(text);
    }

    @Override
    public List<float[]> encodeWindows(List<String> texts) {
        return embedder.embedWindows(texts);
    }

    @Override
    public String modelId() {
        return "bge-small-en-v1.5-q/cls/no-instruction";
    }
}
