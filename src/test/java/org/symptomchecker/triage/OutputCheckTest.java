package org.symptomchecker.triage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestFiles;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The extractive answerer drops a vetted sentence that fails the output check, with its citation, and counts it. */
@QuarkusTest
class OutputCheckTest {

    static long dropped() {
        Map<String, Object> events = given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).get("/api/v1/admin/guardrails/status")
                .then().statusCode(200).extract().jsonPath().getMap("safetyEvents");
        return events.entrySet().stream().filter(e -> e.getKey().startsWith("output-check.sentence-dropped"))
                .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    }

    @Test
    void dosingSentenceIsNeverQuoted() {
        TestFiles.write(TestFiles.extraCorpus().resolve("output-check/cream.jsonl"),
                "{\"id\":\"test-chilblain-cream\",\"title\":\"Chilblain cream\",\"status\":\"approved\",\"text\":"
                        + "\"Apply 5 ml of chilblain cream to the toes three times a day. Chilblain cream soothes itchy chilblain swellings on the toes. "
                        + "Keep chilblain toes warm and dry.\"}\n");
        given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).post("/api/v1/admin/corpus/import").then().statusCode(200);
        long before = dropped();

        JsonPath r = given().contentType(ContentType.JSON).body("{\"message\":\"how much chilblain cream should I apply to my toes?\"}")
                .post("/api/v1/chat").then().statusCode(200).extract().jsonPath();

        assertThat(r.getList("citations.documentId", String.class)).contains("test-chilblain-cream");
        assertThat(r.getString("reply")).doesNotContain("5 ml").contains("Chilblain cream soothes");
        assertThat(r.getList("citations.snippet", String.class)).noneMatch(s -> s.contains("5 ml"));
        assertThat(dropped()).isGreaterThan(before);
    }
}
