package org.symptomchecker.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestClient;
import org.symptomchecker.TestFiles;
import org.symptomchecker.channels.EndToEnd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** /q/metrics over real HTTP: what chat turns move, with which tags, and that nothing a person wrote shows there. */
@QuarkusTest
class MetricsTest {

    private static final String QUESTION = "does a tens machine help with back pain?";
    private static final String OFF_TOPIC = "how do I change the gearbox oil in my car";
    private static final String STAGE = "symptom_turn_stage_seconds";

    @Test
    void chatTurnsMoveTheirCountersAndTimersWithBoundedTagsOnly() throws InterruptedException {
        Scrape before = Scrape.now();

        JsonPath plain = chat(QUESTION, "web");
        JsonPath emergency = chat(EndToEnd.EMERGENCY, "whatsapp");
        JsonPath none = chat(OFF_TOPIC, null);
        assertThat(plain.getList("citations")).isNotEmpty();
        assertThat(emergency.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(none.getList("citations")).isEmpty();
        String plainLevel = plain.getString("triage.level").toLowerCase(Locale.ROOT);
        String rule = emergency.getList("triage.ruleIds", String.class).get(0);

        // the routed reply is sent before its record is written: wait for the third store timing
        Scrape after = Scrape.now();
        for (int i = 0; i < 100 && delta(before, after, STAGE + "_count", "stage", "store") < 3; i++) {
            Thread.sleep(100);
            after = Scrape.now();
        }

        assertThat(delta(before, after, "symptom_turns_total", "level", plainLevel, "channel", "web")).isEqualTo(1);
        assertThat(delta(before, after, "symptom_turns_total", "level", "emergency", "channel", "whatsapp")).isEqualTo(1);
        assertThat(delta(before, after, "symptom_turns_total", "channel", "api")).isEqualTo(1);
        assertThat(delta(before, after, "symptom_turns_total")).isEqualTo(3);
        assertThat(delta(before, after, "symptom_guardrail_events_total", "event", "routed.emergency", "rule", rule)).isEqualTo(1);
        assertThat(delta(before, after, "symptom_answers_total", "disposition", "answered")).isEqualTo(1);
        assertThat(delta(before, after, "symptom_answers_total", "disposition", "no-answer")).isEqualTo(1);
        assertThat(delta(before, after, "symptom_answers_total")).isEqualTo(2); // the routed turn asked for no content
        assertThat(delta(before, after, "symptom_retrieval_confidence_count")).isEqualTo(2);
        assertThat(delta(before, after, "symptom_retrieval_confidence_sum")).isPositive();

        assertThat(delta(before, after, STAGE + "_count", "stage", "triage")).isEqualTo(3);
        assertThat(delta(before, after, STAGE + "_count", "stage", "answer")).isEqualTo(2);
        assertThat(delta(before, after, STAGE + "_count", "stage", "retrieval")).isEqualTo(2);
        assertThat(delta(before, after, STAGE + "_count", "stage", "store")).isEqualTo(3);
        for (String stage : List.of("triage", "retrieval", "answer", "store")) {
            List<Scrape.Sample> buckets = after.matching(STAGE + "_bucket", "stage", stage);
            assertThat(buckets).as("histogram buckets of " + stage).hasSizeGreaterThan(10);
            assertThat(after.value(STAGE + "_bucket", "stage", stage, "le", "+Inf")).isEqualTo(after.value(STAGE + "_count", "stage", stage));
        }
        assertThat(after.matching("symptom_retrieval_confidence_bucket")).hasSizeGreaterThanOrEqualTo(20);

        assertThat(after.names()).contains("symptom_import_files", "symptom_import_documents", "symptom_import_running",
                "symptom_outbox_backlog", "symptom_outbox_failed", "symptom_model_fallbacks_total");
        // the import gauges show the last import, whichever test ran it: run one now, so what they must show is known
        given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).post("/api/v1/admin/corpus/import").then().statusCode(200);
        Scrape imported = Scrape.now();
        assertThat(imported.value("symptom_import_files", "state", "total")).isPositive(); // the shipped corpus at least
        assertThat(imported.value("symptom_import_files", "state", "done")).isEqualTo(imported.value("symptom_import_files", "state", "total"));
        assertThat(imported.value("symptom_import_running")).isZero();

        assertNothingOfThePeople(after.body(), List.of(QUESTION, EndToEnd.EMERGENCY, OFF_TOPIC),
                List.of(plain.getString("conversationId"), emergency.getString("conversationId"), none.getString("conversationId")));
    }

    @Test
    void httpMetricsNameTheRouteNotTheConversation() {
        String id = chat(QUESTION, null).getString("conversationId");
        given().delete("/api/v1/conversations/" + id).then().statusCode(204);
        given().delete("/api/v1/conversations/" + id).then().statusCode(404);
        String unknown = "no-such-route-" + id;
        given().get("/api/v1/" + unknown).then().statusCode(404);

        Scrape scrape = Scrape.now();
        assertThat(scrape.matching("http_server_requests_seconds_count", "uri", "/api/v1/conversations/{id}", "method", "DELETE"))
                .isNotEmpty();
        assertNothingOfThePeople(scrape.body(), List.of(QUESTION), List.of(id));
    }

    /** Every metric name the dashboard's queries use is one this service exposes. */
    @Test
    void theDashboardUsesOnlyMetricsTheServiceExposes() throws IOException, InterruptedException {
        chat(EndToEnd.EMERGENCY, "web"); // a turn and a guardrail event, so that their series exist
        chat(QUESTION, "web");
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("docs/grafana/symptom-checker.json").toFile());
        assertThat(dashboard.path("templating").path("list").findValuesAsText("type")).contains("datasource");
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
        assertThat(queries).hasSizeGreaterThanOrEqualTo(11);

        Set<String> used = new TreeSet<>();
        queries.forEach(q -> used.addAll(metricNames(q)));
        assertThat(used).contains("symptom_turns_total", "symptom_turn_stage_seconds_bucket", "jvm_memory_used_bytes");
        Scrape scrape = Scrape.now();
        for (int i = 0; i < 50 && !scrape.names().containsAll(used); i++) {
            Thread.sleep(100); // the emergency turn's store timing ends after its reply
            scrape = Scrape.now();
        }
        assertThat(scrape.names()).containsAll(used);
    }

    private static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "count", "rate", "increase", "irate",
            "histogram_quantile", "by", "without", "clamp_min", "clamp_max", "and", "or", "unless", "on", "ignoring");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /** The metric names in a PromQL query: its words without label matchers, ranges, groupings and functions. */
    static Set<String> metricNames(String query) {
        String bare = query.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", " ").replaceAll("\\b\\d+(\\.\\d+)?(e-?\\d+)?\\b", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            if (!PROMQL.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    @Test
    void theQueryReaderFindsMetricNames() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le, stage) (rate(symptom_turn_stage_seconds_bucket{stage=\"x\"}[$__rate_interval])))"))
                .containsExactly("symptom_turn_stage_seconds_bucket");
        assertThat(metricNames("sum(rate(a_total[5m])) / sum(rate(b_total[5m]))")).containsExactly("a_total", "b_total");
    }

    private static JsonPath chat(String message, String channel) {
        Map<String, Object> body = channel == null ? Map.of("message", message) : Map.of("message", message, "channel", channel);
        return TestClient.chat(TestClient.json(body));
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    static void assertNothingOfThePeople(String body, List<String> messages, List<String> ids) {
        for (String message : messages) {
            assertThat(body).doesNotContain(message);
            for (String word : message.split("\\W+")) {
                if (word.length() >= 6) { // a distinctive word of it, in any tag
                    assertThat(body.toLowerCase(Locale.ROOT)).as("the word " + word).doesNotContain("\"" + word.toLowerCase(Locale.ROOT));
                }
            }
        }
        ids.forEach(id -> assertThat(body).doesNotContain(id));
    }
}
