package org.symptomchecker.triage;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.content.ActiveContent;
import org.symptomchecker.embedding.PassageEmbedder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Where every message is triaged. Holds the rule set in use; a reload (admin call or folder watcher)
 * validates the files and runs the evaluation set, and a rule set with errors, or under which any
 * EMERGENCY case comes out lower, never replaces the one in use.
 */
@ApplicationScoped
@Startup // load (and validate) the rules at start-up: a bad rule set fails the start, not the first message
public class Guardrails {

    private static final Logger LOG = Logger.getLogger(Guardrails.class);

    /** What a reload did. */
    public record ReloadResult(boolean applied, String version, String previousVersion, List<RuleSetError> errors,
                               List<TriageEvaluation.Miss> emergencyMisses) {
    }

    /** The folder the rule set in use was read from (a release's, or the configured one when content is files). */
    private volatile Path dir;
    private final ActiveContent content;
    private final SymptomConfig.Triage config;
    private final TriageEngine engine;
    private final ExemplarVectorCache vectors;
    /** The EMERGENCY evaluation cases the rule set in use catches: a reload may not lose one. */
    private volatile Set<String> caught;
    /** Whether the start-up gate has finished (the rule set's baseline is known and triage is warm). */
    private volatile boolean gateDone;
    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private final Object switching = new Object();
    private volatile long filesStamp;
    private volatile Instant loadedAt;

    public Guardrails(SymptomConfig config, PassageEmbedder embedder, ActiveContent content) {
        this.config = config.triage();
        this.content = content;
        this.dir = content.folders().guardrails();
        SentenceEncoder encoder = new BgeSentenceEncoder(embedder);
        this.vectors = new ExemplarVectorCache(Path.of(config.dataDir()).resolve("exemplar-cache"), encoder.modelId());
        this.engine = TriageEngine.withEnglishWords().withEncoder(encoder).withWindowCache(this.config.windowCacheSize());
        // a start with broken rules fails loudly: there is nothing to fall back on
        RuleSet first = RuleSetLoader.load(dir, encoder, vectors);
        List<EvaluationCase> cases = TriageEvaluation.load(dir); // a broken evaluation file fails the start too
        current.set(first);
        AnswerReader.use(first);
        filesStamp = stamp();
        loadedAt = Instant.now();
        LOG.infof("guardrails %s loaded: %d concepts, %d rules, %d exemplars (%d embedded now)", first.version(),
                first.concepts().size(), first.rules().size(), first.net().size(), vectors.embedded());
        // the gate's baseline (the EMERGENCY cases this rule set catches) is worked out beside the start,
        // so triage serves at once; a reload waits for it
        Thread gate = new Thread(() -> {
            try {
                String misses = missedEmergencies(first.version(), cases, baseline());
                if (misses != null) {
                    // a standing figure of the rule set, not a fault of this start: a warning, so that an alert on
                    // errors does not fire at every start; the reload gate (reload) keeps it from growing
                    LOG.warn(misses);
                }
            } catch (RuntimeException e) {
                LOG.errorf("guardrails %s: the evaluation set could not be run (%s)", first.version(), e.getMessage());
            } finally {
                gateDone = true;
            }
        }, "guardrails-gate");
        gate.setDaemon(true);
        gate.start();
    }

    /** Whether the start-up gate has run the evaluation set (or failed to); readiness can wait for it. */
    public boolean gateDone() {
        return gateDone;
    }

    /**
     * The start-up line for the EMERGENCY evaluation cases a rule set places lower, dev and held-out apart (the
     * held-out part was never tuned on, so its misses measure what the rules miss in messages they were not written
     * for); null when it misses none. {@code caught} holds the keys {@link #caughtEmergencies} gives.
     */
    static String missedEmergencies(String version, List<EvaluationCase> cases, Set<String> caught) {
        int[] dev = missedOfTotal(TriageEvaluation.part(cases, TriageEvaluation.DEV), caught);
        int[] held = missedOfTotal(TriageEvaluation.part(cases, TriageEvaluation.HOLDOUT), caught);
        if (dev[0] + held[0] == 0) {
            return null;
        }
        return String.format(Locale.ROOT, "guardrails %s: %d of %d EMERGENCY evaluation cases come out lower (dev %d of %d,"
                        + " held-out %d of %d); a reload that loses one this rule set catches is refused",
                version, dev[0] + held[0], dev[1] + held[1], dev[0], dev[1], held[0], held[1]);
    }

    /** Of one part's EMERGENCY cases: how many are not in {@code caught}, and how many there are. */
    private static int[] missedOfTotal(List<EvaluationCase> cases, Set<String> caught) {
        int missed = 0;
        int total = 0;
        for (EvaluationCase c : cases) {
            if (c.expected() == TriageLevel.EMERGENCY) {
                total++;
                if (!caught.contains(caseKey(c))) {
                    missed++;
                }
            }
        }
        return new int[] {missed, total};
    }

    static String caseKey(EvaluationCase c) {
        return c.source() + "\u0000" + c.messages();
    }

    /** The EMERGENCY evaluation cases the rule set in use catches (worked out once, then kept by reloads). */
    private synchronized Set<String> baseline() {
        if (caught == null) {
            caught = caughtEmergencies(current.get(), TriageEvaluation.load(dir));
        }
        return caught;
    }

    /** The EMERGENCY cases (dev and holdout) a rule set catches. */
    private Set<String> caughtEmergencies(RuleSet rules, List<EvaluationCase> cases) {
        Set<String> out = new HashSet<>();
        for (EvaluationCase c : cases) {
            if (c.expected() == TriageLevel.EMERGENCY
                    && engine.triage(rules, c.messages(), c.age(), c.sex()).level() == TriageLevel.EMERGENCY) {
                out.add(caseKey(c));
            }
        }
        return out;
    }

    /** Texts of the exemplar bank embedded since start-up (zero after a restart with an unchanged bank). */
    public long exemplarsEmbedded() {
        return vectors.embedded();
    }

    /** The rule set in use: the served release's, or a preview's ({@link org.symptomchecker.content.ContentLens}). */
    public RuleSet ruleSet() {
        return rules();
    }

    private RuleSet rules() {
        return org.symptomchecker.content.ContentLens.view(Guardrails.class, current.get(), f -> read(f.guardrails()));
    }

    public TriageEngine engine() {
        return engine;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public TriageOutcome triage(List<TriageMessage> messages, Integer age, String sex) {
        return engine.triage(rules(), messages, age, sex);
    }

    /**
     * Advances a conversation's kept triage state by its new turns and returns the conversation's outcome. A
     * state of another rule set version (or none) is first rebuilt from {@code earlier}, the turns it had read,
     * which is fetched only then. The state is changed in place; the returned {@link Advanced} holds the one to keep.
     */
    public Advanced advance(TriageState state, java.util.function.Supplier<List<TriageMessage>> earlier,
                            List<TriageMessage> newTurns, Integer age, String sex) {
        RuleSet rules = rules();
        TriageState s = state;
        if (s == null || !rules.version().equals(s.ruleSetVersion())) {
            s = new TriageState(rules.version());
            engine.advance(rules, s, earlier.get(), age, sex);
        }
        return new Advanced(engine.advance(rules, s, newTurns, age, sex), s);
    }

    /** A triage outcome and the conversation state it leaves. */
    public record Advanced(TriageOutcome outcome, TriageState state) {
    }

    /**
     * Validates the folder and puts it in use unless it would lose an EMERGENCY case, dev or holdout,
     * that the rule set in use catches (the safety gate).
     */
    public synchronized ReloadResult reload() {
        RuleSet previous = current.get();
        long stamp = stamp();
        RuleSet candidate;
        try {
            candidate = RuleSetLoader.load(dir, engine.encoder(), vectors);
        } catch (InvalidRuleSetException e) {
            filesStamp = stamp;
            LOG.warnf("guardrails reload refused: %s", e.getMessage());
            return new ReloadResult(false, null, previous.version(), e.errors(), List.of());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            filesStamp = stamp;
            LOG.warnf("guardrails reload refused: %s", e.getMessage());
            return new ReloadResult(false, null, previous.version(),
                    List.of(new RuleSetError("evaluation/", null, 0, e.getMessage())), List.of());
        }
        List<EvaluationCase> cases;
        try {
            cases = TriageEvaluation.load(dir);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            filesStamp = stamp;
            return new ReloadResult(false, candidate.version(), previous.version(),
                    List.of(new RuleSetError("evaluation/", null, 0, e.getMessage())), List.of());
        }
        Set<String> inUse = baseline();
        Set<String> candidateCaught = caughtEmergencies(candidate, cases);
        List<TriageEvaluation.Miss> lost = new java.util.ArrayList<>();
        for (EvaluationCase c : cases) {
            String key = c.source() + "\u0000" + c.messages();
            if (inUse.contains(key) && !candidateCaught.contains(key)) {
                TriageLevel now = engine.triage(candidate, c.messages(), c.age(), c.sex()).level();
                lost.add(new TriageEvaluation.Miss(c.source(), null, c.expected(), now, c.note()));
            }
        }
        filesStamp = stamp;
        if (!lost.isEmpty()) {
            LOG.warnf("guardrails reload refused: %d EMERGENCY evaluation cases would come out lower", lost.size());
            return new ReloadResult(false, candidate.version(), previous.version(), List.of(), lost);
        }
        current.set(candidate);
        AnswerReader.use(candidate);
        caught = candidateCaught;
        loadedAt = Instant.now();
        LOG.infof("guardrails %s in use (was %s), %d exemplars", candidate.version(), previous.version(), candidate.net().size());
        return new ReloadResult(true, candidate.version(), previous.version(), List.of(), List.of());
    }

    /**
     * The folder watcher, for a content author's own machine (content read from the files): reloads when any file in
     * the guardrails folder changed. With releases, content changes only by a publish.
     */
    @Scheduled(every = "${symptom.triage.watch-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        if (!content.fromReleases() && stamp() != filesStamp) {
            reload();
        }
    }

    /**
     * A rule set read from a folder with this instance's encoder and exemplar vectors (to evaluate a draft or a
     * release before it is published); not put in use. Throws {@link InvalidRuleSetException} with file and line.
     */
    public RuleSet read(Path folder) {
        return RuleSetLoader.load(folder, engine.encoder(), vectors);
    }

    /** Whether the rule set may be reloaded from its folder (only when content is read from the files). */
    public boolean reloadsFromFiles() {
        return !content.fromReleases();
    }

    /**
     * A newly published release: its rule set is put in use (it passed the publish gate where it was published). A
     * release whose rules this instance cannot load leaves the rule set in use, loudly.
     */
    void onContentSwitched(@jakarta.enterprise.event.Observes org.symptomchecker.content.ContentSwitched event) {
        Path next = event.now().guardrails();
        if (event.now().sameGuardrailsAs(event.before())) {
            dir = next; // the same files in the new release's folder: the rule set in use is theirs
            return;
        }
        // not the monitor of reload() and the gate's baseline: a switch never waits for an evaluation run
        synchronized (switching) {
            switchTo(event, next);
        }
    }

    private void switchTo(org.symptomchecker.content.ContentSwitched event, Path next) {
        RuleSet candidate;
        try {
            candidate = RuleSetLoader.load(next, engine.encoder(), vectors);
        } catch (RuntimeException e) {
            LOG.errorf("guardrails of content release %s cannot be loaded here (%s); rule set %s stays in use",
                    event.now().release(), e.getMessage(), current.get().version());
            return;
        }
        RuleSet previous = current.get();
        dir = next;
        filesStamp = stamp();
        current.set(candidate);
        AnswerReader.use(candidate);
        caught = null; // worked out again, against this release's evaluation set, when next needed
        loadedAt = Instant.now();
        LOG.infof("guardrails %s in use (was %s), content release %s", candidate.version(), previous.version(), event.now().release());
    }

    /** The concepts a single message mentions as current (what an interview recognises a complaint by). */
    public java.util.Set<String> currentConcepts(String text) {
        return engine.currentConcepts(rules(), text);
    }

    /** The concepts said as current in any of several messages, each message read once (the reading is kept). */
    public java.util.Set<String> currentConcepts(java.util.List<String> texts) {
        RuleSet rules = rules();
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        texts.forEach(t -> out.addAll(engine.currentConcepts(rules, t)));
        return out;
    }

    /**
     * A region a request gives, as regions.yaml spells it ("uk" is UK), or null when none is given; a region
     * regions.yaml does not define is refused with the list of those it does.
     */
    public String regionCode(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String code = given.strip().toUpperCase(Locale.ROOT);
        java.util.Set<String> codes = rules().regions().keySet();
        if (!codes.contains(code)) {
            throw new org.symptomchecker.api.ApiProblem("'region' must be one of " + String.join(", ", codes.stream().sorted().toList()));
        }
        return code;
    }

    /** The emergency number and crisis line for a conversation, a channel, or the deployment. */
    public Region region(String conversationRegion, String channel) {
        RuleSet rules = rules();
        for (String code : new String[] {conversationRegion, channel == null ? null : config.channelRegions().get(channel), config.region()}) {
            if (code != null && rules.regions().containsKey(code.toUpperCase(Locale.ROOT))) {
                return rules.regions().get(code.toUpperCase(Locale.ROOT));
            }
        }
        return rules.regions().values().iterator().next();
    }

    /**
     * The direct question that confirms a correction about a concept: the screening interviews' plain
     * wording of it when a flow asks it, otherwise the concept's description as a question.
     */
    public String confirmQuestion(String concept) {
        RuleSet rules = rules();
        for (var flow : rules.flows()) {
            for (var q : flow.questions()) {
                if (q.concept().equals(concept)) {
                    return q.plain();
                }
            }
        }
        Concept c = rules.concepts().get(concept);
        String what = c == null || c.description() == null ? concept.replace('_', ' ') : c.description();
        return rules.responses().get("confirm-question").strip().replace("{{what}}", what);
    }

    /** A fixed response with its placeholders filled; null when the rule set has no such response. */
    public String render(String response, String reason, Region region) {
        return render(response, reason, null, region);
    }

    /** A fixed response with its placeholders filled, {@code {{question}}} too. */
    public String render(String response, String reason, String question, Region region) {
        String template = rules().responses().get(response);
        return template == null ? null : fill(template, reason, question, region);
    }

    /** A response template with its placeholders filled for a region. */
    public static String fill(String template, String reason, String question, Region region) {
        return template.replace("{{emergency_number}}", region.emergencyNumber())
                .replace("{{crisis_line}}", region.crisisLine())
                .replace("{{reason}}", reason == null ? "" : reason)
                .replace("{{question}}", question == null ? "" : question)
                .replaceAll("\\{\\{\\s*[a-z_]+\\s*}}", "")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }

    private long stamp() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.getLastModifiedTime(f).toMillis() * 31 + Files.size(f) + f.toString().hashCode();
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }


}
