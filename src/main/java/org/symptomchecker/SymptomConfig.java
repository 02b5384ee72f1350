package org.symptomchecker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the service, under the {@code symptom.} prefix; each key is documented in README.md. */
@ConfigMapping(prefix = "symptom")
public interface SymptomConfig {

    /** Folder for the embedded H2 database file and the search index (env SYMPTOM_DATA_DIR). */
    @WithDefault("./data")
    String dataDir();

    Corpus corpus();

    Index index();

    Chat chat();

    Conversation conversation();

    Admin admin();

    Http http();

    Triage triage();

    Deadlines deadlines();

    Widget widget();

    Llm llm();

    Content content();

    Feedback feedback();

    RateLimit rateLimit();

    Privacy privacy();

    /** What is kept of triaged turns after their conversations are gone. */
    interface Privacy {
        /** Triage records' times are rounded down to this unit (a whole divisor of a day). Defaults to 1h. */
        @WithDefault("1h")
        Duration triageRecordRounding();

        /** Triage records older than this are deleted by the purge job. Defaults to 400d. */
        @WithDefault("400d")
        Duration triageRecordRetention();
    }

    Metrics metrics();

    /** The service's own metrics at /q/metrics. */
    interface Metrics {
        /** How often the outbox's waiting replies are counted for symptom.outbox.backlog. Defaults to 5s. */
        @WithDefault("5s")
        Duration outboxRefresh();
    }

    /**
     * Limits on how fast one client, one conversation and one channel sender may send, and on how many chat turns
     * run at once. Kept in memory by each instance (N instances allow up to N times as much). A message over a limit
     * is still triaged: a red flag is answered with its fixed reply, whatever the limits say.
     */
    interface RateLimit {
        /** Off for benchmarks and evaluation runs. Defaults to true. */
        @WithDefault("true")
        boolean enabled();

        /** The period the per-* counts refer to; a spent allowance refills evenly over it. Defaults to 1m. */
        @WithDefault("1m")
        Duration period();

        /** Chat requests one client address may send per period. Defaults to 120. */
        @WithDefault("120")
        int perAddress();

        /** Chat requests one conversation may receive per period. Defaults to 20. */
        @WithDefault("20")
        int perConversation();

        /** Chat turns answered at once by this instance; a request over it is refused at once, not queued. Defaults to 64. */
        @WithDefault("64")
        int maxInFlight();

        /** Addresses, conversations and senders tracked per limit; past it the longest idle one is forgotten. Defaults to 100000. */
        @WithDefault("100000")
        int maxKeys();

        /** Take the client address from the last X-Forwarded-For entry (only behind a proxy that sets it). Defaults to false. */
        @WithDefault("false")
        boolean trustForwardedFor();

        Channels channels();

        /** Messages one sender may send per period on each messaging channel. */
        interface Channels {
            /** SMS (Twilio). Defaults to 6: each reply costs a text message. */
            @WithDefault("6")
            int sms();

            /** WhatsApp (Twilio or the Cloud API). Defaults to 12. */
            @WithDefault("12")
            int whatsapp();

            /** Slack. Defaults to 20. */
            @WithDefault("20")
            int slack();

            /** Any other channel that hands messages to the inbox. Defaults to 20. */
            @WithDefault("20")
            int other();
        }
    }

    /** The content team's to-do list: unanswered questions and votes on answers, kept redacted. */
    interface Feedback {
        /** Days a content gap or vote is kept. Defaults to 90. */
        @WithDefault("90")
        int retentionDays();
    }

    /**
     * Where the content the service runs on (prompts, guardrails, corpus) comes from: releases in the database, made
     * and published through the console, or (for a content author's own machine) the files as they are edited.
     */
    interface Content {
        /** releases: the published release, switched to within a poll interval of a publish; files: the folders as they are. Defaults to releases. */
        @WithDefault("releases")
        Source source();

        /** How often an instance checks for a newly published release. Defaults to 2s. */
        @WithDefault("2s")
        String pollInterval();

        /** Published releases kept as folders under data-dir/content (older ones are deleted). Defaults to 3. */
        @WithDefault("3")
        int keepFolders();

        /**
         * The emergency number each region must have before content is published (region code to number); a region
         * not listed refuses the publish. Defaults to US=911, UK=999, EU=112.
         */
        @WithDefault("US=911,UK=999,EU=112")
        String emergencyNumbers();

        enum Source { releases, files }
    }

    /**
     * The optional language model that phrases answers from the vetted passages it is given (never triage, never an
     * interview question); each sentence of its reply is checked against the passage it cites.
     */
    interface Llm {
        /** none (the extractive answer only; no model is ever called), openai (any OpenAI-compatible server) or ollama. */
        @WithDefault("none")
        String provider();

        /**
         * Least share of a sentence's content words (their first five letters) found in the passage it cites; chosen
         * with min-similarity on the dev grounding set (BENCHMARKS.md, issue 10: grounding thresholds).
         */
        @WithDefault("0.6")
        double minOverlap();

        /** Least cosine similarity (bge-small) of a sentence to the closest sentence of the passage it cites (see min-overlap). */
        @WithDefault("0.8")
        double minSimilarity();

        /**
         * How long a reply waits for the model, its one reprompt included (a duration: 10s, 2500ms); past it, the
         * extractive answer. The model's HTTP client gives up on one request after the same time.
         */
        @WithDefault("10s")
        java.time.Duration timeout();
    }

    /** The website chat widget (widget.js) and its demo page. */
    interface Widget {
        /**
         * Origins (scheme://host[:port]) of the sites that embed the widget: they may call the chat, delete and
         * widget-config endpoints from the browser (CORS). Unset: only the service's own origin.
         */
        Optional<List<String>> allowedOrigins();

        /** Where the widget keeps the conversation across a page reload: none, session or local. */
        @WithDefault("session")
        String storage();
    }

    /**
     * How long a turn waits on each outside call before it goes on without it (milliseconds). Triage and the fixed
     * replies wait on none of them. Applied through SmallRye Fault Tolerance (application.properties maps them).
     */
    interface Deadlines {
        /** Reading a conversation's context (profile, state, last messages). */
        @WithDefault("500")
        long storeReadMs();
        /** Re-reading a whole conversation (only when its triage state was kept under another rule set). */
        @WithDefault("2000")
        long storeRereadMs();
        /** Recording a turn. */
        @WithDefault("1000")
        long storeWriteMs();
        /** Retrieval and the extractive answer (the query's embedding included). */
        @WithDefault("2000")
        long retrievalMs();
    }

    interface Triage {
        /** The content team's guardrails folder: concepts, rules, responses, regions, evaluation set. */
        @WithDefault("guardrails")
        String dir();

        /** Region of this deployment (US, UK or EU): sets the emergency number and crisis line. */
        @WithDefault("US")
        String region();

        /** Region per channel, overriding the deployment's (e.g. symptom.triage.channel-regions.sms=UK). */
        java.util.Map<String, String> channelRegions();

        /** How often the guardrails folder is checked for edits ("off" switches the watcher off). */
        @WithDefault("5s")
        String watchInterval();

        /** Message windows whose vectors the semantic net keeps, and messages whose reading triage keeps; 0 keeps none. */
        @WithDefault("20000")
        int windowCacheSize();

        /**
         * Whether the service reports ready only after the start-up safety gate has run the evaluation set:
         * until then the gate takes a core, and triage's code is still being compiled (a cold start under
         * load queues turns for seconds). false: ready as soon as the corpus is.
         */
        @WithDefault("true")
        boolean readyAfterGate();
    }

    interface Http {
        /** Largest request body accepted, in bytes; larger ones get 413 with a problem body. */
        @WithDefault("65536")
        long maxBodyBytes();

        /**
         * Largest request body of the console's content API ({@code /api/v1/admin/content/...}: a content file in a
         * draft), in bytes. Defaults to 4194304 (4 MiB); quarkus.http.limits.max-body-size must stay above it.
         */
        @WithDefault("4194304")
        long contentMaxBodyBytes();

        /**
         * The Strict-Transport-Security header's value (e.g. max-age=31536000; includeSubDomains), sent on every reply
         * when set. Unset (the default): not sent, as plain-http development and tests need.
         */
        Optional<String> hsts();

        /** The body limit of a request path: the content API's own, else max-body-bytes. */
        default long maxBodyBytes(String path) {
            return path != null && path.startsWith("/api/v1/admin/content/") ? contentMaxBodyBytes() : maxBodyBytes();
        }
    }

    interface Corpus {
        /** The vetted corpus shipped with the service, imported at start-up. */
        @WithDefault("corpus")
        String defaultPath();

        /** More files or folders to import, comma-separated (env SYMPTOM_CORPUS_PATHS). */
        Optional<List<String>> paths();

        /** Status given to MedQuAD documents on import: approved, draft or retired. */
        @WithDefault("draft")
        String medquadStatus();

        /** File names in a Markdown folder that are notes about the corpus, not documents. */
        @WithDefault("README.md,EXCLUDED.md")
        List<String> ignoreFiles();

        /** Import in the background after start-up (readiness is DOWN until done) instead of before it. */
        @WithDefault("true")
        boolean importInBackground();

        /** Largest passage, in words; passages end on sentence boundaries. */
        @WithDefault("120")
        int passageWords();

        /**
         * Documents read, embedded and committed together during an import: a file is read as a stream in batches
         * of this many, so the import's memory follows this number, not the file's size, and a stop mid-file keeps
         * every batch committed before it.
         */
        @WithDefault("64")
        int importBatchSize();
    }

    interface Index {
        /** Where the Lucene index lives; defaults to {data-dir}/index. */
        Optional<String> dir();

        /** How often an instance applies changes other instances made to the shared database. */
        @WithDefault("2s")
        Duration syncInterval();

        /** Candidates taken from BM25 before fusion. */
        @WithDefault("100")
        int candidates();

        /**
         * Candidates taken from the passage vector search (HNSW) before fusion. The search's cost grows with this
         * number: 0.8 ms at 100, 0.5 ms at 50 over full MedQuAD, with the same retrieval scores (BENCHMARKS.md).
         */
        @WithDefault("50")
        int vectorCandidates();

        /** Stored title questions taken from their vector search (HNSW) for question matching. */
        @WithDefault("20")
        int questionCandidates();

        /**
         * Distinct words of a question that BM25 reads (the first ones, repeats dropped): a longer question is
         * still answered, from these words, and never runs into Lucene's limit on query clauses.
         */
        @WithDefault("64")
        int maxQueryWords();

        /** Reciprocal rank fusion constant. */
        @WithDefault("60")
        int rrfK();

        /**
         * How BM25 and vector results are fused: "score" adds the BM25 score, scaled to the best one and
         * weighted by lexical-weight, to each candidate's cosine similarity; "rrf" is reciprocal rank fusion.
         */
        @WithDefault("score")
        String fusion();

        /** With score fusion: weight of the scaled BM25 score beside the cosine similarity. */
        @WithDefault("0.05")
        double lexicalWeight();

        /**
         * Question-to-question matching: a question-answer document whose stored title question is more similar to
         * the person's question than its best passage is raised by this weight times the difference (0 turns it off;
         * with rrf fusion, the weight of the question ranking beside the vector ranking).
         */
        @WithDefault("1.0")
        double questionWeight();

        /** With rrf fusion: weight of the BM25 ranking. */
        @WithDefault("1.0")
        double bm25Weight();

        /** With rrf fusion: weight of the vector ranking. */
        @WithDefault("1.0")
        double vectorWeight();

        /** ONNX threads for embedding one query (passages during import always use one each). */
        @WithDefault("1")
        int queryThreads();

        /** Threads used to embed passages during import. */
        @WithDefault("2")
        int embedThreads();

        /**
         * Query vectors kept in memory, by the question's exact text, the least recently used dropped first (0: none).
         * A question asked again is not embedded again; the texts live only in this process's memory, as triage's
         * window cache does, and never on disk.
         */
        @WithDefault("10000")
        int queryVectorCache();

        /**
         * Documents whose passages (text, title, section, order) are kept in memory, the least recently used dropped
         * first (0: none): the answer reads every passage of each document a question finds, and a document found
         * again is then not read and decompressed from the index again. Dropped whenever the index changes.
         */
        @WithDefault("2000")
        int documentCache();
    }

    interface Chat {
        /** Longest message accepted, in characters. */
        @WithDefault("2000")
        int maxMessageLength();

        /**
         * Chat turns (JSON and stream) this instance answers at once; the next ones wait their turn in arrival order
         * (0: no bound). Under a burst the service then answers the turns it can in good time instead of sharing the
         * processors among every waiting request until all of them are late.
         */
        @WithDefault("16")
        int maxConcurrentTurns();

        /**
         * How long a turn waits for its place among max-concurrent-turns: past it, the message is triaged and a red flag
         * gets its fixed reply as always; anything else is refused with 503 and Retry-After, and stored nowhere.
         */
        @WithDefault("500ms")
        java.time.Duration maxQueueWait();

        /** Turns that may wait for a place at once; one more is shed at once, as after max-queue-wait. */
        @WithDefault("32")
        int maxQueuedTurns();

        /** Documents whose passages the extractive answerer reads. */
        @WithDefault("3")
        int answerDocuments();

        /** Most sentences in one answer. */
        @WithDefault("3")
        int answerSentences();

        /**
         * How much a passage's meaning counts beside its words and its question type when the extractive answerer
         * picks the passage to quote: its cosine similarity to the question, from min-similarity (0) to 1 (1).
         */
        @WithDefault("1.0")
        double answerMeaningWeight();

        /** Below this cosine similarity of the best passage, retrieval counts as weak: no answer. */
        @WithDefault("0.55")
        double minSimilarity();

        /** From this similarity on, one shared word makes a sentence a candidate; below it, more are needed. */
        @WithDefault("0.65")
        double strongSimilarity();

        /** Folder of the content team's reply templates. */
        @WithDefault("prompts")
        String promptsDir();
    }

    interface Conversation {
        /** Days of inactivity after which a conversation expires and is purged. */
        @WithDefault("30")
        int ttlDays();

        /** How often expired conversations are purged. */
        @WithDefault("1h")
        String purgeInterval();

        /**
         * The single master key of earlier versions (32 bytes, base64), used as key id {@code k0}; values
         * wrapped before key ids existed ("v1:") are read with it.
         */
        Optional<String> masterKey();

        /** Master keys by id (32 bytes, base64); several during a rotation. Ids: letters, digits, - and _. */
        Map<String, String> masterKeys();

        /** Master keys by id read from files (a mounted secret): each file holds the key, base64. */
        Map<String, String> masterKeyFiles();

        /** The id of the key that wraps new conversation keys; may be left out when one key is configured. */
        Optional<String> activeKeyId();

        /**
         * Whether a key generated into the data folder may be used when none is configured. Unset: only on the
         * embedded H2 database, or in dev and test mode.
         */
        Optional<Boolean> generatedKeyAllowed();

        /** Key ids whose wrapped conversation keys are knowingly given up (their keys are gone): the start is not refused for them. */
        Optional<List<String>> abandonedKeyIds();

        /** Re-wrap conversation keys under the active key in the background after start. Defaults to true. */
        @WithDefault("true")
        boolean rewrapInBackground();

        /** Conversation keys re-wrapped in one transaction. Defaults to 200. */
        @WithDefault("200")
        int rewrapBatchSize();

        /** Most turns (messages of the person) one conversation stores; past it, red flags are still triaged and routed. */
        @WithDefault("500")
        int maxTurns();

        /** Most characters of (encrypted) message text one conversation stores. */
        @WithDefault("2000000")
        long maxStoredChars();

        /**
         * Most answered turns kept in the data folder ({@code held-turns/}) while the database cannot record them; past
         * it, a turn that is not routed to a fixed reply is refused with 503 (a red flag is still answered).
         */
        @WithDefault("50000")
        int heldTurnsMax();

        /** How often held turns are written to the database (they stay held until it takes them). */
        @WithDefault("5s")
        String heldTurnsReplayInterval();

        /** Last messages a turn reads (the interview's questions and answers); triage reads its kept state instead. */
        @WithDefault("40")
        int contextMessages();
    }

    interface Admin {
        /** Token required in X-Admin-Token for admin calls; admin calls are refused when unset. */
        Optional<String> token();
    }
}
