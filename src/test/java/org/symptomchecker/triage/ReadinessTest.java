package org.symptomchecker.triage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Readiness waits for the start-up safety gate (symptom.triage.ready-after-gate, on by default). */
@QuarkusTest
class ReadinessTest {

    @Test
    void readyOnlyOnceTheGateHasRun() throws InterruptedException {
        long deadline = System.nanoTime() + 240_000_000_000L; // the gate runs every EMERGENCY case of the evaluation set
        JsonPath health;
        do {
            health = given().get("/q/health/ready").then().extract().jsonPath();
            String gate = health.getString("checks.find { it.name == 'guardrails' }.data.gate");
            String status = health.getString("status");
            // never ready while the gate still runs
            assertThat("running".equals(gate) && "UP".equals(status)).as("ready before the gate ran: " + health.prettify()).isFalse();
            if ("UP".equals(status)) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        assertThat(health.getString("status")).as(health.prettify()).isEqualTo("UP");
        assertThat(health.getString("checks.find { it.name == 'guardrails' }.data.gate")).isEqualTo("done");
    }

    @Test
    void readinessShowsWhereTheImportStands() throws InterruptedException {
        long deadline = System.nanoTime() + 240_000_000_000L;
        JsonPath health;
        do {
            health = given().get("/q/health/ready").then().extract().jsonPath();
            String files = health.getString("checks.find { it.name == 'corpus' }.data.importFiles");
            assertThat(files).as(health.prettify()).matches("\\d+ of \\d+");
            String[] parts = files.split(" of ");
            assertThat(Integer.parseInt(parts[0])).as("files done never exceed files found").isLessThanOrEqualTo(Integer.parseInt(parts[1]));
            if ("ready".equals(health.getString("checks.find { it.name == 'corpus' }.data.state"))) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        String files = health.getString("checks.find { it.name == 'corpus' }.data.importFiles");
        assertThat(files.split(" of ")[0]).as("every file found was done").isEqualTo(files.split(" of ")[1]);
        assertThat(Integer.parseInt(files.split(" of ")[1])).as("the shipped corpus has files").isPositive();
        assertThat(health.getLong("checks.find { it.name == 'corpus' }.data.importPassagesEmbedded")).isGreaterThanOrEqualTo(0);
    }
}
