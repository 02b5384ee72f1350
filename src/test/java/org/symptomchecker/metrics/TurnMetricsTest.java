package org.symptomchecker.metrics;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The meters' tags stay bounded, and what a turn adds is small. */
class TurnMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TurnMetrics metrics = new TurnMetrics(registry, OpenTelemetry.noop().getTracer("test"));

    @Test
    void aChannelIsOneOfAKnownFewAsATag() {
        assertThat(TurnMetrics.channelTag(null)).isEqualTo("api");
        assertThat(TurnMetrics.channelTag(" WhatsApp ")).isEqualTo("whatsapp");
        assertThat(TurnMetrics.channelTag("twilio-sms")).isEqualTo("twilio-sms");
        assertThat(TurnMetrics.channelTag("my-own-bot-447700900123")).isEqualTo("other");
    }

    @Test
    void pastTheLimitOfTagValuesNewOnesAreCountedAsOther() {
        for (int i = 0; i < TurnMetrics.MAX_TAG_VALUES + 50; i++) {
            metrics.guardrailEvent("routed.emergency", "rule-" + i);
        }
        assertThat(registry.find(TurnMetrics.GUARDRAIL_EVENTS).counters()).hasSize(TurnMetrics.MAX_TAG_VALUES + 1);
        assertThat(registry.get(TurnMetrics.GUARDRAIL_EVENTS).tags("event", "other", "rule", "other").counter().count()).isEqualTo(50);
    }

    @Test
    void aTurnsMetersCostLittle() {
        Runnable turn = () -> {
            metrics.time(Stage.TRIAGE, () -> 1);
            metrics.time(Stage.ANSWER, () -> metrics.time(Stage.RETRIEVAL, () -> 1));
            metrics.retrievalConfidence(0.7);
            metrics.start(Stage.STORE).stop();
            metrics.turn("none", "web");
            metrics.answer("answered");
        };
        for (int i = 0; i < 20_000; i++) {
            turn.run(); // warm up
        }
        int turns = 100_000;
        long start = System.nanoTime();
        for (int i = 0; i < turns; i++) {
            turn.run();
        }
        double micros = (System.nanoTime() - start) / 1000.0 / turns;
        System.out.printf("meters of one turn: %.2f µs%n", micros);
        // a few microseconds on an idle machine; the bound only catches a blunder (a query or a lock per turn), since
        // this test shares two cores with whatever else runs
        assertThat(micros).isLessThan(1000);
        assertThat(registry.scrape()).contains("symptom_turns_total{channel=\"web\",level=\"none\",}");
    }
}
