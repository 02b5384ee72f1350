package org.symptomchecker.retrieval;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.symptomchecker.RestartedProfile;
import org.symptomchecker.TestFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second start of the application on the same data folder and database (a profile of its own makes
 * Quarkus restart): nothing is embedded again, the index is reused, conversations carry on.
 */
@QuarkusTest
@TestProfile(RestartedProfile.class)
class RestartTest {

    static JsonPath status() {
        return given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).get("/api/v1/admin/corpus/status")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void restartWithAnUnchangedCorpusEmbedsNothingAndReusesTheIndex() {
        Path marker = TestFiles.dataDir().resolve(TestFiles.RESTART_MARKER);
        Assumptions.assumeTrue(Files.exists(marker), "runs after the default-profile tests, which fill the data folder");

        JsonPath status = status();

        assertThat(status.getBoolean("ready")).isTrue();
        assertThat(status.getLong("passagesEmbeddedSinceStart")).isZero();
        assertThat(status.getBoolean("indexRebuiltOnStart")).isFalse();
        assertThat(status.getLong("indexChangeSeq")).isEqualTo(status.getLong("changeSeq")).isPositive();
        assertThat(status.getInt("lastImport.added")).isZero();
        assertThat(status.getInt("lastImport.updated")).isZero();
        assertThat(given().queryParam("q", "shingles chickenpox virus").get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getList("results.documentId")).contains("shingles");
    }

    @Test
    void interviewBegunBeforeTheRestartContinuesWithTheNextQuestion() throws IOException {
        Path marker = TestFiles.dataDir().resolve("interview-before-restart.txt");
        Assumptions.assumeTrue(Files.exists(marker), "runs after InterviewTest, which begins the interview");
        List<String> lines = Files.readAllLines(marker);

        io.restassured.path.json.JsonPath next = given().contentType("application/json")
                .body("{\"conversationId\":\"" + lines.get(0) + "\",\"message\":\"no\"}")
                .post("/api/v1/chat").then().statusCode(200).extract().jsonPath();

        assertThat(next.getString("conversationId")).isEqualTo(lines.get(0));
        assertThat(next.getString("interview.flow")).isEqualTo("hip-pain");
        assertThat(next.getInt("interview.step")).isEqualTo(2);
        assertThat(next.getString("followUps[0].text")).isNotEqualTo(lines.get(1));
    }

    @Test
    void conversationBegunBeforeTheRestartContinues() throws IOException {
        Path marker = TestFiles.dataDir().resolve(TestFiles.RESTART_MARKER);
        Assumptions.assumeTrue(Files.exists(marker), "runs after ChatApiTest, which begins the conversation");
        String id = Files.readString(marker).strip();

        String continued = given().contentType("application/json")
                .body("{\"conversationId\":\"" + id + "\",\"message\":\"what is TENS\"}")
                .post("/api/v1/chat").then().statusCode(200).extract().jsonPath().getString("conversationId");

        assertThat(continued).isEqualTo(id);
    }
}
