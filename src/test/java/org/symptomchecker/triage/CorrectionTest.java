package org.symptomchecker.triage;

import static org.symptomchecker.TestClient.say;
import static org.symptomchecker.TestClient.triage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Corrections through the running service: one direct question confirms them; a bare denial changes nothing. */
@QuarkusTest
class CorrectionTest {

    @Test
    void aCorrectionInTheChatIsConfirmedByOneDirectQuestionThenWithdrawn() {
        JsonPath r = say(null, "I can't breathe");
        String id = r.getString("conversationId");
        assertThat(r.getString("triage.level")).isEqualTo("EMERGENCY");

        r = say(id, "sorry, autocorrect, I meant I can't sleep");
        assertThat(r.getString("triage.level")).as("nothing is taken back before the question").isEqualTo("EMERGENCY");
        assertThat(r.getString("reply")).contains("911");
        assertThat(r.getList("followUps.options[0]", String.class)).contains("Yes", "No");

        r = say(id, "no");
        assertThat(r.getString("triage.level")).isNotIn("EMERGENCY", "URGENT");
    }

    @Test
    void aYesToTheDirectQuestionKeepsTheFlag() {
        String id = say(null, "I can't breathe").getString("conversationId");
        say(id, "sorry, autocorrect, I meant I can't sleep");
        assertThat(say(id, "yes").getString("triage.level")).isEqualTo("EMERGENCY");
    }

    @Test
    void aBareDenialAfterAnEmergencyDoesNotWithdrawIt() {
        String id = say(null, "my son swallowed a battery").getString("conversationId");
        JsonPath r = say(id, "nah he's fine");
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
