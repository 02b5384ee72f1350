package org.symptomchecker.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process bge-small-en-v1.5 (quantized) embedding model. Each ONNX call runs on one thread and
 * several calls run side by side: on two cores that is faster and steadier than the library default.
 */
@ApplicationScoped
public class PassageEmbedder {

    public static final int DIMENSIONS = 384;
    private static final Logger LOG = Logger.getLogger(PassageEmbedder.class);
    /** bge-small-en-v1.5's instruction for short queries that look for passages. */
    private static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";
    private static final String MODEL = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";

    private final ExecutorService executor;
    private final Model model;
    private final AtomicLong passagesEmbedded = new AtomicLong();
    private final AtomicLong questionsEmbedded = new AtomicLong();
    private final Model queryModel;
    /** Triage's windows: a session and a helper thread of their own, so a message's windows are embedded side by side. */
    private final ExecutorService windowExecutor;
    private final Model windowModel;
    /** Recent queries' vectors by exact text (never handed out: callers get a copy). */
    private final KeptByText<float[]> queryVectors;
    private final AtomicLong queriesEmbedded = new AtomicLong();

    @jakarta.inject.Inject
    public PassageEmbedder(SymptomConfig config) {
        this(config.index().embedThreads(), config.index().queryThreads(), config.index().queryVectorCache());
    }

    /** A model outside the application (evaluation, benchmarks): parallel calls for batches, threads per query. */
    public PassageEmbedder(int embedThreads, int queryThreads) {
        this(embedThreads, queryThreads, 0);
    }

    /** A model that also keeps the vectors of up to {@code queryVectorCache} recent queries (0: none). */
    public PassageEmbedder(int embedThreads, int queryThreads, int queryVectorCache) {
        if (queryVectorCache < 0) {
            throw new IllegalStateException("symptom.index.query-vector-cache must be 0 (none) or more");
        }
        this.queryVectors = new KeptByText<>(queryVectorCache);
        this.executor = Executors.newFixedThreadPool(Math.max(1, embedThreads), r -> {
            Thread t = new Thread(r, "embedder");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        this.model = new Model(executor, loadEncoder(1));
        // queries get a session of their own, so a long import never holds up a question
        this.queryModel = new Model(executor, loadEncoder(Math.max(1, queryThreads)));
        this.windowExecutor = Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "triage-embedder");
            t.setDaemon(true);
            return t;
        });
        this.windowModel = new Model(windowExecutor, loadEncoder(1));
        LOG.infof("embedding model loaded in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Vectors for passages, in order, computed in parallel. */
    public List<float[]> embedPassages(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        List<Embedding> embeddings = model.embedAll(segments).content();
        passagesEmbedded.addAndGet(texts.size());
        return embeddings.stream().map(e -> normalized(e.vector())).toList();
    }

    /** A query vector, with the model's retrieval instruction in front; a query asked recently comes from the cache. */
    public float[] embedQuery(String query) {
        float[] kept = queryVectors.get(query);
        if (kept == null) {
            kept = normalized(queryModel.embed(QUERY_INSTRUCTION + query).content().vector());
            queriesEmbedded.incrementAndGet();
            queryVectors.put(query, kept);
        }
        return kept.clone();
    }

    /** Queries run through the model since start-up (a query answered from the cache is not counted). */
    public long queriesEmbedded() {
        return queriesEmbedded.get();
    }

    /**
     * Vectors for stored questions (a question-answer document's title), computed in parallel on the import's session.
     * They carry the same retrieval instruction as a person's question, so that the two are embedded alike and a
     * question phrased like a stored one lies close to it.
     */
    public List<float[]> embedQuestions(List<String> questions) {
        if (questions.isEmpty()) {
            return List.of();
        }
        List<Embedding> embeddings = model.embedAll(questions.stream().map(q -> TextSegment.from(QUERY_INSTRUCTION + q)).toList()).content();
        questionsEmbedded.addAndGet(questions.size());
        return embeddings.stream().map(e -> normalized(e.vector())).toList();
    }

    /** Vectors for short sentences compared with each other (no retrieval instruction), computed in parallel. */
    public List<float[]> embedSentences(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(e -> normalized(e.vector())).toList();
    }

    /** One short sentence's vector, on triage's own session (no retrieval instruction). */
    public float[] embedSentence(String text) {
        return normalized(windowModel.embed(text).content().vector());
    }

    /**
     * Short sentences' vectors on triage's own session (no retrieval instruction), two at a time: the
     * calling thread and one helper take the longest windows first from a shared queue, so neither waits
     * while the other still has work. Each window is embedded alone: the same window, the same vector.
     */
    public List<float[]> embedWindows(List<String> texts) {
        int n = texts.size();
        if (n == 1) {
            return List.of(embedSentence(texts.get(0)));
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(texts.get(b).length(), texts.get(a).length()));
        float[][] out = new float[n][];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable work = () -> {
            for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                int i = order[k];
                out[i] = embedSentence(texts.get(i));
            }
        };
        java.util.concurrent.Future<?> helper = windowExecutor.submit(work);
        work.run();
        try {
            helper.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("embedding failed", e.getCause());
        }
        return java.util.Arrays.asList(out);
    }

    /** Stops the model's threads (for a model made outside the application). */
    public void close() {
        executor.shutdownNow();
        windowExecutor.shutdownNow();
    }

    /** Passages embedded since start-up: a restart with an unchanged corpus leaves this at zero. */
    public long passagesEmbedded() {
        return passagesEmbedded.get();
    }

    /** Stored questions embedded since start-up: a restart with an unchanged corpus leaves this at zero. */
    public long questionsEmbedded() {
        return questionsEmbedded.get();
    }

    void shutdown(@Observes ShutdownEvent event) {
        windowExecutor.shutdownNow();
        executor.shutdownNow();
    }

    private static float[] normalized(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float norm = (float) Math.sqrt(sum);
        if (norm == 0f) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    private static OnnxBertBiEncoder loadEncoder(int threads) {
        try (InputStream modelBytes = resource(MODEL); InputStream tokenizer = resource(TOKENIZER)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(modelBytes.readAllBytes(), options);
            return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model from the classpath", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start the embedding model", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
        if (in == null) {
            in = PassageEmbedder.class.getClassLoader().getResourceAsStream(name);
        }
        if (in == null) {
            throw new IOException(name + " is not on the classpath");
        }
        return in;
    }

    /** The library's in-process model around our own single-threaded ONNX session. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(ExecutorService executor, OnnxBertBiEncoder encoder) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
