package org.symptomchecker.corpus;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.symptomchecker.TestFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Import of the three formats through the running application, and what re-imports do. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CorpusImportTest {

    @jakarta.inject.Inject
    org.symptomchecker.retrieval.PassageIndex index;

    private static final Path DIR = TestFiles.extraCorpus().resolve("import-test");
    private static final Path KNEE = DIR.resolve("knee-bursitis.md");
    private static final Path RECORDS = DIR.resolve("records.jsonl");

    static final String KNEE_MD = """
            ---
            id: test-knee-bursitis
            title: Knee bursitis
            source: "test fixture"
            status: approved
            reviewed-by: "test"
            reviewed-on: 2026-11-25
            topics: [knee]
            ---
            ## What it is
            Prepatellar bursitis, sometimes called housemaid's knee, is swelling of the bursa in front of the kneecap.
            It is often linked to a lot of kneeling.
            """;

    static final String RECORDS_JSONL = String.join("\n",
            "{\"id\":\"test-jl-approved\",\"title\":\"Chilblains\",\"text\":\"Chilblains are small itchy swellings on the skin that can appear after exposure to cold.\",\"url\":\"https://example.org/chilblains\",\"source\":\"test\",\"status\":\"approved\"}",
            "{\"id\":\"test-jl-draft\",\"title\":\"Frostnip\",\"text\":\"Frostnip is a mild cold injury of the skin that leaves no lasting damage.\"}",
            "{\"id\": this is not json",
            "{\"id\":\"test-jl-notitle\",\"text\":\"A record without a title.\",\"status\":\"approved\"}",
            "{\"id\":\"test-jl-badstatus\",\"title\":\"Odd\",\"text\":\"A record with a status we do not know.\",\"status\":\"published\"}",
            "");

    static JsonPath importNow() {
        return given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).post("/api/v1/admin/corpus/import")
                .then().statusCode(200).extract().jsonPath();
    }

    static List<String> searchIds(String q) {
        return given().queryParam("q", q).queryParam("limit", 10).get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getList("results.documentId");
    }

    static long changeSeq() {
        return given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).get("/api/v1/admin/corpus/status")
                .then().statusCode(200).extract().jsonPath().getLong("changeSeq");
    }

    private static boolean rejected(JsonPath report, String fileSuffix, int line, String reasonFragment) {
        List<Map<String, Object>> rejections = report.getList("rejections");
        return rejections.stream().anyMatch(r -> r.get("file").toString().endsWith(fileSuffix)
                && ((Number) r.get("line")).intValue() == line
                && r.get("reason").toString().contains(reasonFragment));
    }

    @Test
    @Order(1)
    void importsEveryFormatAndReportsEachBadRecordWithItsPlace() throws IOException {
        TestFiles.write(KNEE, KNEE_MD);
        TestFiles.write(DIR.resolve("no-front-matter.md"), "Just some text without front matter.\n");
        TestFiles.write(DIR.resolve("no-status.md"), "---\nid: test-no-status\ntitle: Missing status\n---\nText.\n");
        TestFiles.write(RECORDS, RECORDS_JSONL);
        TestFiles.write(DIR.resolve("broken.xml"), "<Document id=\"1\" source=\"X\"><QAPairs>");

        JsonPath report = importNow();

        assertThat(report.getInt("added")).isEqualTo(3); // knee, chilblains, frostnip (draft)
        assertThat(report.getInt("updated")).isZero();
        assertThat(rejected(report, "no-front-matter.md", 1, "front matter")).isTrue();
        assertThat(rejected(report, "no-status.md", 1, "status")).isTrue();
        assertThat(rejected(report, "records.jsonl", 3, "not valid JSON")).isTrue();
        assertThat(rejected(report, "records.jsonl", 4, "no title")).isTrue();
        assertThat(rejected(report, "records.jsonl", 5, "published")).isTrue();
        assertThat(rejected(report, "broken.xml", 1, "XML")).isTrue();
        assertThat(report.getInt("rejected")).isEqualTo(6);

        assertThat(searchIds("housemaid's knee swelling in front of the kneecap")).first().isEqualTo("test-knee-bursitis");
        assertThat(searchIds("itchy swellings after the cold")).contains("test-jl-approved");
        assertThat(searchIds("frostnip mild cold injury")).doesNotContain("test-jl-draft");
    }

    @Test
    @Order(2)
    void searchResultCarriesTheImportedIdUrlAndPassage() {
        JsonPath result = given().queryParam("q", "chilblains itchy swellings").queryParam("limit", 1).get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath();
        assertThat(result.getString("results[0].documentId")).isEqualTo("test-jl-approved");
        assertThat(result.getString("results[0].passageId")).startsWith("test-jl-approved#");
        assertThat(result.getString("results[0].title")).isEqualTo("Chilblains");
        assertThat(result.getString("results[0].url")).isEqualTo("https://example.org/chilblains");
        assertThat(result.getString("results[0].text")).contains("small itchy swellings");
        assertThat(result.getDouble("results[0].score")).isPositive();
    }

    @Test
    @Order(3)
    void medquadPairsBecomeDocumentsWithTheirIds() throws IOException {
        Path source = TestFiles.medquad().resolve("5_NIDDK_QA/0000001.xml");
        Assumptions.assumeTrue(Files.exists(source), "MedQuAD is not on this machine (" + source + "): skipping the MedQuAD import test");
        Files.createDirectories(DIR.resolve("medquad"));
        Files.copy(source, DIR.resolve("medquad/0000001.xml").toAbsolutePath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path adam = TestFiles.medquad().resolve("10_MPlus_ADAM_QA/0000001.xml"); // its answers were removed
        Files.copy(adam, DIR.resolve("medquad/adam-0000001.xml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        JsonPath report = importNow();

        assertThat(report.getInt("added")).isEqualTo(9); // Acromegaly: nine answered pairs; ADAM: none
        JsonPath hit = given().queryParam("q", "acromegaly symptoms").queryParam("limit", 3).get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath();
        List<String> ids = hit.getList("results.documentId");
        assertThat(ids).allMatch(id -> id.matches("NIDDK_0000001_Sec\\d+"));
        assertThat(ids).contains("NIDDK_0000001_Sec2");
        int i = ids.indexOf("NIDDK_0000001_Sec2");
        assertThat(hit.getString("results[" + i + "].title")).isEqualTo("What are the symptoms of Acromegaly ?");
        assertThat(hit.getString("results[" + i + "].url")).contains("niddk.nih.gov").contains("acromegaly");
    }

    @Test
    @Order(4)
    void reimportOfUnchangedFilesChangesNothing() {
        long before = changeSeq();
        TestFiles.write(KNEE, KNEE_MD); // same content, new modification time

        JsonPath report = importNow();

        assertThat(report.getInt("added")).isZero();
        assertThat(report.getInt("updated")).isZero();
        assertThat(report.getInt("retired")).isZero();
        assertThat(report.getLong("passagesEmbedded")).isZero();
        assertThat(report.getInt("filesUnchanged")).isGreaterThanOrEqualTo(14); // the shipped corpus and our good files
        assertThat(changeSeq()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void changedDocumentIsUpdatedNotDuplicated() {
        // the answer's read of the document's passages is kept (symptom.index.document-cache): read it before the change
        assertThat(index.passagesOf("test-knee-bursitis")).extracting(org.symptomchecker.retrieval.DocumentPassage::text)
                .noneMatch(t -> t.contains("avoiding kneeling usually helps"));
        TestFiles.write(KNEE, KNEE_MD + "Resting the knee and avoiding kneeling usually helps.\n");

        JsonPath report = importNow();

        assertThat(report.getInt("updated")).isEqualTo(1);
        assertThat(report.getInt("added")).isZero();
        List<String> ids = searchIds("housemaid's knee kneeling");
        assertThat(ids.stream().filter("test-knee-bursitis"::equals)).hasSize(1);
        JsonPath found = given().queryParam("q", "housemaid's knee: resting the knee and avoiding kneeling").queryParam("limit", 10)
                .get("/api/v1/search").then().extract().jsonPath();
        int at = found.getList("results.documentId").indexOf("test-knee-bursitis");
        assertThat(at).isNotNegative();
        assertThat(found.getString("results[" + at + "].text")).contains("avoiding kneeling usually helps");
        // the kept read went with the change: the document's passages are read again, and read the same twice
        assertThat(index.passagesOf("test-knee-bursitis")).extracting(org.symptomchecker.retrieval.DocumentPassage::text)
                .anyMatch(t -> t.contains("avoiding kneeling usually helps"));
        assertThat(index.passagesOf("test-knee-bursitis")).isEqualTo(index.passagesOf("test-knee-bursitis"));
    }

    @Test
    @Order(6)
    void documentOfARemovedFileIsRetiredAtOnce() {
        TestFiles.delete(KNEE);

        JsonPath report = importNow();

        assertThat(report.getInt("retired")).isEqualTo(1);
        assertThat(searchIds("housemaid's knee swelling in front of the kneecap")).doesNotContain("test-knee-bursitis");
        assertThat(index.passagesOf("test-knee-bursitis")).isEmpty();
    }

    @Test
    @Order(7)
    void retiringADocumentRemovesItFromAnswers() {
        TestFiles.write(RECORDS, RECORDS_JSONL.replace("\"status\":\"approved\"}", "\"status\":\"retired\"}"));

        JsonPath report = importNow();

        assertThat(report.getInt("retired")).isEqualTo(1);
        assertThat(searchIds("chilblains itchy swellings")).doesNotContain("test-jl-approved");
        List<String> cited = given().contentType("application/json").body("{\"message\":\"what are chilblains\"}")
                .post("/api/v1/chat").then().statusCode(200).extract().jsonPath().getList("citations.documentId");
        assertThat(cited).doesNotContain("test-jl-approved");
    }

    @Test
    @Order(8)
    void recordDroppedFromAFileIsRetired() {
        String withoutDraft = String.join("\n", RECORDS_JSONL.lines().filter(l -> !l.contains("test-jl-draft")).toList());

        TestFiles.write(RECORDS, withoutDraft);
        JsonPath report = importNow();

        assertThat(report.getInt("retired")).isEqualTo(1);
    }
}
