package org.symptomchecker.retrieval;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestFiles;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** An instance whose index is missing (deleted, or a new instance on the shared database) rebuilds it from the database. */
@QuarkusTest
@TestProfile(IndexRebuildTest.EmptyIndex.class)
class IndexRebuildTest {

    /** Same database, an index folder that does not exist yet. */
    public static class EmptyIndex implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("symptom.index.dir", TestFiles.dataDir().resolve("index-rebuilt-" + System.nanoTime()).toString());
        }
    }

    @Test
    void missingIndexIsRebuiltFromStoredEmbeddings() {
        JsonPath status = given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).get("/api/v1/admin/corpus/status")
                .then().statusCode(200).extract().jsonPath();

        assertThat(status.getBoolean("indexRebuiltOnStart")).isTrue();
        assertThat(status.getBoolean("ready")).isTrue();
        assertThat(status.getLong("indexChangeSeq")).isEqualTo(status.getLong("changeSeq"));
        assertThat(status.getInt("indexedPassages")).isGreaterThanOrEqualTo(36);
        // the vectors came from the database: the only embeddings are for documents first seen now (none when the DB is filled)
        assertThat(status.getLong("passagesEmbeddedSinceStart")).isEqualTo(status.getLong("lastImport.passagesEmbedded"));
        // and so did the title questions' vectors
        assertThat(status.getLong("questionsEmbeddedSinceStart")).isEqualTo(status.getLong("lastImport.questionsEmbedded"));
        assertThat(given().queryParam("q", "transcutaneous electrical nerve stimulation").get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getList("results.documentId")).first().isEqualTo("tens");
    }
}
