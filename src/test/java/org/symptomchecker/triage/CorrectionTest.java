package org.symptomchecker.triage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Corrections through the running service: one direct question confirms them; a bare denial changes nothing. */
@QuarkusTest
class CorrectionTest {

    static JsonPath chat(String conversationId, String message) {
        String body = conversationId == null ? "{\"message\":\"" + message + "\"}"
                : "{\"conversationId\":\"" + conversationId + "\",\"message\":\"" + message + "\"}";
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/chat").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath triage(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/triage").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCorrectionInTheChatIsConfirmedByOneDirectQuestionThenWithdrawn() {
        JsonPath r = chat(null, "I can't breathe");
        String id = r.getString("conversationId");
        assertThat(r.getString("triage.level")).isEqualTo("EMERGENCY");

        r = chat(id, "sorry, autocorrect, I meant I can't sleep");
        assertThat(r.getString("triage.level")).as("nothing is taken back before the question").isEqualTo("EMERGENCY");
        assertThat(r.getString("reply")).contains("911");
        assertThat(r.getList("followUps.options[0]", String.class)).contains("Yes", "No");

        r = chat(id, "no");
        assertThat(r.getString("triage.level")).isNotIn("EMERGENCY", "URGENT");
    }

    @Test
    void aYesToTheDirectQuestionKeepsTheFlag() {
        String id = chat(null, "I can't breathe").getString("conversationId");
        chat(id, "sorry, autocorrect, I meant I can't sleep");
        assertThat(chat(id, "yes").getString("triage.level")).isEqualTo("EMERGENCY");
    }

    @Test
    void aBareDenialAfterAnEmergencyDoesNotWithdrawIt() {
        String id = chat(null, "my son swallowed a battery").getString("conversationId");
        JsonPath r = chat(id, "nah he's fine");
        assertThat(r.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(r.getString("reply")).contains("911");
    }

    @Test
    void theStatelessTriageReadsACorrectionTheSameWay() {
        JsonPath pending = triage("{\"messages\": [\"my son swallowed a battery\", \"sorry, false alarm, found the battery under the sofa\"]}");
        assertThat(pending.getString("level")).isEqualTo("EMERGENCY");
        assertThat(pending.getString("confirm")).isEqualTo("overdose_poisoning");
        assertThat(pending.getString("reply")).contains("911");

        JsonPath confirmed = triage("{\"messages\": [\"my son swallowed a battery\", \"sorry, false alarm, found the battery under the sofa\","
                + " {\"role\": \"assistant\", \"text\": \"Has anyone swallowed a battery?\", \"asks\": \"overdose_poisoning\"}, \"no\"]}");
        assertThat(confirmed.getString("level")).isEqualTo("NONE");
        assertThat(confirmed.getString("confirm")).isNull();

        JsonPath noCorrection = triage("{\"messages\": [\"my son swallowed a battery\","
                + " {\"role\": \"assistant\", \"text\": \"Has anyone swallowed a battery?\", \"asks\": \"overdose_poisoning\"}, \"no\"]}");
        assertThat(noCorrection.getString("level")).isEqualTo("EMERGENCY");
    }
}
