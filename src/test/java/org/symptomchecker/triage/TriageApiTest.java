package org.symptomchecker.triage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The stateless triage endpoint, with the shipped rules. */
@QuarkusTest
class TriageApiTest {

    static JsonPath triage(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/triage")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void saddleNumbnessIsAnEmergencyWithItsRuleAndWords() {
        JsonPath r = triage("{\"messages\": [\"my back is killing me and I cant feel my bum when I wipe\"]}");
        assertThat(r.getString("level")).isEqualTo("EMERGENCY");
        assertThat(r.getList("ruleIds", String.class)).isNotEmpty();
        assertThat(r.getList("matches.ruleId", String.class)).contains(r.getList("ruleIds", String.class).get(0));
        assertThat(r.getList("matches.text", String.class)).anySatisfy(t -> assertThat(t).contains("bum"));
        assertThat(r.getString("reply")).startsWith("Call 911");
        assertThat(r.getString("ruleSetVersion")).hasSize(12);
    }

    @Test
    void aScreeningAnswerCountsAndANoDoesNotEscalate() {
        String asked = "{\"role\":\"assistant\",\"text\":\"Any numbness around your bottom or genitals?\",\"asks\":\"saddle_numbness\"}";
        assertThat(triage("{\"messages\": [\"my lower back hurts after lifting\", " + asked + ", \"yeah a bit\"]}").getString("level"))
                .isEqualTo("EMERGENCY");
        String no = triage("{\"messages\": [\"my lower back hurts after lifting\", " + asked + ", \"nope\"]}").getString("level");
        assertThat(no).isIn("SELF_CARE", "ROUTINE");
    }

    @Test
    void informationQuestionIsNone() {
        JsonPath r = triage("{\"messages\": [\"what are the signs of cauda equina syndrome?\"]}");
        assertThat(r.getString("level")).isEqualTo("NONE");
        assertThat(r.getList("ruleIds")).isEmpty();
    }

    @Test
    void regionSetsTheEmergencyNumber() {
        JsonPath r = triage("{\"messages\": [\"my dad has crushing chest pain\"], \"region\": \"UK\"}");
        assertThat(r.getString("level")).isEqualTo("EMERGENCY");
        assertThat(r.getString("reply")).contains("999").doesNotContain("911");
    }

    @Test
    void badRequestsAreProblems() {
        for (String body : new String[] {"{}", "{\"messages\": []}", "{\"messages\": [42]}",
                "{\"messages\": [{\"role\":\"doctor\",\"text\":\"hi\"}]}",
                "{\"messages\": [{\"role\":\"assistant\",\"text\":\"hi\"}]}", "{\"messages\": [\"hi\"], \"age\": 300}"}) {
            given().contentType(ContentType.JSON).body(body).post("/api/v1/triage")
                    .then().statusCode(400).contentType(containsString("json")).body("status", equalTo(400));
        }
    }
}
