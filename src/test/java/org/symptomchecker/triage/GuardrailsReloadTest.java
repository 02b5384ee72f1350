package org.symptomchecker.triage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.symptomchecker.GuardrailsCopy;
import org.symptomchecker.TestFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule edits: a broken one is refused with its place, an unsafe one by the evaluation gate, a good one is used. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardrailsReloadTest {

    static JsonPath reload(int status) {
        return given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).post("/api/v1/admin/guardrails/reload")
                .then().statusCode(status).extract().jsonPath();
    }

    static String version() {
        return given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).get("/api/v1/admin/guardrails/status")
                .then().statusCode(200).extract().jsonPath().getString("ruleSetVersion");
    }

    static String emergencyLevel() {
        return given().contentType(ContentType.JSON).body("{\"messages\": [\"my dad has crushing chest pain\"]}")
                .post("/api/v1/triage").then().statusCode(200).extract().jsonPath().getString("level");
    }

    static Path rules() {
        return GuardrailsCopy.dir().resolve("rules.yaml");
    }

    static Path readings() {
        return GuardrailsCopy.dir().resolve("readings.yaml");
    }

    /** The files a test here edits, as they were before it. */
    private final Map<Path, String> originals = new java.util.HashMap<>();

    @org.junit.jupiter.api.BeforeEach
    void keepTheOriginals() throws IOException {
        for (Path p : List.of(rules(), GuardrailsCopy.dir().resolve("responses/urgent.txt"), readings())) {
            originals.put(p, Files.readString(p));
        }
    }

    /** Whatever a test edited is put back and reloaded, so no other test sees it. */
    @org.junit.jupiter.api.AfterEach
    void restoreTheOriginals() throws IOException {
        boolean changed = false;
        for (Map.Entry<Path, String> e : originals.entrySet()) {
            if (!Files.readString(e.getKey()).equals(e.getValue())) {
                Files.writeString(e.getKey(), e.getValue());
                changed = true;
            }
        }
        if (changed) {
            reload(200);
        }
    }

    @Test
    @Order(1)
    void brokenEditIsRefusedWithFileRuleAndLineAndTriageGoesOn() throws IOException {
        String before = version();
        String original = Files.readString(rules());
        try {
            Files.writeString(rules(), original.replaceFirst("(?m)^(\\s*)all: \\[", "$1all: [no_such_concept, "));

            JsonPath r = reload(422);

            List<Map<String, Object>> errors = r.getList("errors");
            assertThat(errors).isNotEmpty();
            assertThat(errors.get(0).get("file")).isEqualTo("rules.yaml");
            assertThat(errors.get(0).get("id")).isNotNull();
            assertThat(((Number) errors.get(0).get("line")).intValue()).isPositive();
            assertThat(errors.get(0).get("problem").toString()).contains("no_such_concept");
            assertThat(version()).isEqualTo(before);
            assertThat(emergencyLevel()).isEqualTo("EMERGENCY");
        } finally {
            Files.writeString(rules(), original);
        }
    }

    @Test
    @Order(2)
    void editUnderWhichAnEmergencyComesOutLowerIsRefused() throws IOException {
        String before = version();
        String original = Files.readString(rules());
        try {
            Files.writeString(rules(), original.replace("level: EMERGENCY", "level: URGENT"));

            JsonPath r = reload(422);

            assertThat(r.getList("emergencyMisses")).isNotEmpty();
            assertThat(version()).isEqualTo(before);
            assertThat(emergencyLevel()).isEqualTo("EMERGENCY");
        } finally {
            Files.writeString(rules(), original);
        }
    }

    @Test
    @Order(3)
    void goodEditIsUsedAndRepliesRecordTheNewVersion() throws IOException {
        String before = version();
        Path urgent = GuardrailsCopy.dir().resolve("responses/urgent.txt");
        Files.writeString(urgent, Files.readString(urgent).strip() + "\nThis line was added by a test.\n");

        JsonPath r = reload(200);

        assertThat(r.getString("version")).isNotEqualTo(before);
        assertThat(version()).isEqualTo(r.getString("version"));
        String recorded = given().contentType(ContentType.JSON).body("{\"message\":\"my dad has crushing chest pain\"}")
                .post("/api/v1/chat").then().statusCode(200).extract().jsonPath().getString("triage.ruleSetVersion");
        assertThat(recorded).isEqualTo(r.getString("version"));
    }

    @Test
    @Order(4)
    void readingsEditsAreGatedLikeRulesAndTheInterviewReadsWithTheNewOnes() throws IOException {
        String before = version();
        String original = Files.readString(readings());
        // "has" as a negation word would deny "my dad has crushing chest pain": the gate refuses it
        Files.writeString(readings(), original.replace("  words: [no, not,", "  words: [has, no, not,"));
        assertThat(reload(422).getList("emergencyMisses")).isNotEmpty();
        assertThat(version()).isEqualTo(before);
        assertThat(emergencyLevel()).isEqualTo("EMERGENCY");

        Files.writeString(readings(), original.replace("  yes: [yes,", "  yes: [righto, yes,"));
        assertThat(AnswerReader.read("righto")).isEqualTo(AnswerReader.Answer.OTHER);
        assertThat(reload(200).getString("version")).isNotEqualTo(before);
        assertThat(AnswerReader.read("righto")).isEqualTo(AnswerReader.Answer.YES); // the interview's entry point
    }
}
