package org.symptomchecker.metrics;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The meters' tags stay bounded, and every meter of a turn reaches the scrape. */
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
    void everyMeterOfATurnReachesTheScrapeWithItsTags() {
        metrics.time(Stage.TRIAGE, () -> 1);
        metrics.time(Stage.ANSWER, () -> metrics.time(Stage.RETRIEVAL, () -> 1));
        metrics.retrievalConfidence(0.7);
        metrics.start(Stage.STORE).stop();
        metrics.turn("none", "web");
        metrics.answer("answered");
        // what a turn costs in meters is a benchmark's to say (tests assert no times); here: that each one lands
        String scrape = registry.scrape();
        assertThat(scrape).contains("symptom_turns_total{channel=\"web\",level=\"none\",} 1.0",
                "symptom_answers_total{disposition=\"answered\",} 1.0", "symptom_retrieval_confidence_count 1.0");
        for (Stage stage : Stage.values()) {
            assertThat(scrape).contains("symptom_turn_stage_seconds_count{stage=\"" + stage.tag() + "\",} 1.0");
        }
    }
}
