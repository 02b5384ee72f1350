package org.symptomchecker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The service's own meters (scraped at /q/metrics) and the spans of a turn's stages. Tags are bounded sets only
 * (levels, channels, stages, rule ids, reasons): never text, conversation ids, phone numbers or platform ids. Meters
 * are made once and kept, so a turn costs a map lookup and an increment per meter. Depends on no other package of the
 * service, so every package can use it.
 */
@ApplicationScoped
public class TurnMetrics {

    public static final String TURNS = "symptom.turns";
    public static final String ANSWERS = "symptom.answers";
    public static final String GUARDRAIL_EVENTS = "symptom.guardrail.events";
    public static final String MODEL_FALLBACKS = "symptom.model.fallbacks";
    public static final String MODEL_CALL_FAILURES = "symptom.model.call.failures";
    public static final String RETRIEVAL_CONFIDENCE = "symptom.retrieval.confidence";
    public static final String STAGE_LATENCY = "symptom.turn.stage";

    /** Past this many values of one tag, a new value is counted as "other" (a guard, the sets are far smaller). */
    static final int MAX_TAG_VALUES = 200;
    static final String OTHER = "other";
    private static final Set<String> CHANNELS = Set.of("web", "sms", "twilio-sms", "twilio-whatsapp", "whatsapp", "slack");
    /** Made at start (at 0), so that a dashboard and rate() see them before the first event. */
    private static final Set<String> DISPOSITIONS = Set.of("answered", "no-answer", "unavailable", "replaced");
    private static final Set<String> FALLBACK_REASONS = Set.of("timeout", "error", "interrupted", "no-passages", "ungrounded",
            "circuit-open", "busy");

    private final MeterRegistry registry;
    private final Tracer tracer;
    private final Timer[] stages = new Timer[Stage.values().length];
    private final DistributionSummary confidence;
    private final Map<String, Counter> turns = new ConcurrentHashMap<>();
    private final Map<String, Counter> answers = new ConcurrentHashMap<>();
    private final Map<String, Counter> guardrailEvents = new ConcurrentHashMap<>();
    private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();
    private final Map<String, Counter> callFailures = new ConcurrentHashMap<>();

    public TurnMetrics(MeterRegistry registry, Tracer tracer) {
        this.registry = registry;
        this.tracer = tracer;
        for (Stage stage : Stage.values()) {
            stages[stage.ordinal()] = Timer.builder(STAGE_LATENCY).description("Time a turn spends in a stage")
                    .tag("stage", stage.tag()).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry);
        }
        double[] buckets = new double[20];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = (i + 1) / 20.0;
        }
        confidence = DistributionSummary.builder(RETRIEVAL_CONFIDENCE)
                .description("Similarity of the best passage a turn's retrieval found (0 when it found none)")
                .serviceLevelObjectives(buckets).register(registry);
        DISPOSITIONS.forEach(d -> counter(answers, d, this::answerCounter));
        FALLBACK_REASONS.forEach(r -> counter(fallbacks, r, this::fallbackCounter));
    }

    /** A turn answered, by its triage level and channel. */
    public void turn(String level, String channel) {
        counter(turns, level + '|' + channelTag(channel), k -> Counter.builder(TURNS)
                .description("Turns answered, by triage level and channel")
                .tag("level", part(k, 0)).tag("channel", part(k, 1)).register(registry)).increment();
    }

    /** What a turn that asked for vetted content got: answered, no-answer, unavailable (retrieval failed), replaced. */
    public void answer(String disposition) {
        counter(answers, disposition, this::answerCounter).increment();
    }

    /** A safety event (routed reply, output check, unreadable message, correction), with the rule behind it or "none". */
    public void guardrailEvent(String event, String rule) {
        counter(guardrailEvents, event + '|' + (rule == null ? "none" : rule), k -> Counter.builder(GUARDRAIL_EVENTS)
                .description("Safety events, by event and red-flag rule")
                .tag("event", part(k, 0)).tag("rule", part(k, 1)).register(registry)).increment();
    }

    /** A language model's reply not used, the extractive answer shown instead. */
    public void modelFallback(String reason) {
        counter(fallbacks, reason, this::fallbackCounter).increment();
    }

    /**
     * A model call that failed, by reason, whether or not its turn still waited for it (a call goes on after its turn
     * stopped waiting): the model's own health, where {@link #modelFallback} counts the turns.
     */
    public void modelCallFailed(String reason) {
        counter(callFailures, reason, r -> Counter.builder(MODEL_CALL_FAILURES).description("Model calls that failed, by reason")
                .tag("reason", r).register(registry)).increment();
    }

    private Counter answerCounter(String disposition) {
        return Counter.builder(ANSWERS).description("Turns that asked for vetted content, by what they got")
                .tag("disposition", disposition).register(registry);
    }

    private Counter fallbackCounter(String reason) {
        return Counter.builder(MODEL_FALLBACKS).description("Model replies not used, by reason").tag("reason", reason).register(registry);
    }

    /** The best similarity of a turn's retrieval. */
    public void retrievalConfidence(double similarity) {
        confidence.record(Double.isNaN(similarity) ? 0 : similarity);
    }

    /** A gauge read from {@code value} at each scrape; {@code value} must be cheap and never block. */
    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).strongReference(true).register(registry);
    }

    /** Runs one stage of a turn: timed, and a span when tracing is on. */
    public <T> T time(Stage stage, Supplier<T> work) {
        Running running = start(stage);
        try (Scope ignored = running.span().isRecording() ? running.span().makeCurrent() : Scope.noop()) {
            return work.get();
        } finally {
            running.stop();
        }
    }

    /** A span over a whole turn (its stages are its children); no tags, no attributes. */
    public <T> T turnSpan(Supplier<T> work) {
        Span span = tracer.spanBuilder("turn").startSpan();
        try (Scope ignored = span.isRecording() ? span.makeCurrent() : Scope.noop()) {
            return work.get();
        } finally {
            span.end();
        }
    }

    /** Starts a stage that ends on another thread (the record of a routed reply); call {@link Running#stop()} once. */
    public Running start(Stage stage) {
        return new Running(stages[stage.ordinal()], tracer.spanBuilder(stage.tag()).startSpan(), System.nanoTime());
    }

    /** A stage under way: its timer, its span and when it began. */
    public record Running(Timer timer, Span span, long startNanos) {

        public void stop() {
            timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            span.end();
        }
    }

    /** A channel as a tag: the known channels as they are, none (the plain API) as "api", any other as "other". */
    static String channelTag(String channel) {
        if (channel == null) {
            return "api";
        }
        String c = channel.strip().toLowerCase(Locale.ROOT);
        return CHANNELS.contains(c) ? c : OTHER;
    }

    /** The n-th part of a key of tag values joined by '|'. */
    private static String part(String key, int n) {
        return key.split("\\|", -1)[n];
    }

    private static Counter counter(Map<String, Counter> meters, String key, Function<String, Counter> make) {
        Counter c = meters.get(key);
        if (c != null) {
            return c;
        }
        if (meters.size() >= MAX_TAG_VALUES) {
            return meters.computeIfAbsent(key.indexOf('|') < 0 ? OTHER : OTHER + '|' + OTHER, make);
        }
        return meters.computeIfAbsent(key, make);
    }
}
