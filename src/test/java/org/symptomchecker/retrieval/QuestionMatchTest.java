package org.symptomchecker.retrieval;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestFiles;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Question-to-question matching, through the search API: a question phrased like a stored MedQuAD question finds that
 * question's document first, although the document's answer (its passage) says little in the question's words and a
 * plainer page is the closer passage ({@link QuestionMatchOffTest} shows the ranking without question matching).
 */
@QuarkusTest
class QuestionMatchTest {

    static final String QA_DOCUMENT = "TestQA_0000001_Sec1";
    static final String PLAIN_PAGE = "test-impetigo";
    /** Asked as people ask it: "catching", a word neither the stored question nor any passage holds. */
    static final String ASKED = "is impetigo catching";

    /** One MedQuAD question-answer pair and two pages that are no question, about the same skin infection. */
    static void writeCorpus() {
        writeCorpus("");
    }

    /** The corpus, with {@code trailer} after the MedQuAD file's root element (a comment changes the file, not its pair). */
    static void writeCorpus(String trailer) {
        TestFiles.write(TestFiles.extraCorpus().resolve("question-match/impetigo-qa.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document id="0000001" source="TestQA" url="https://example.org/impetigo-qa">
                <Focus>Impetigo</Focus>
                <QAPairs>
                <QAPair pid="1">
                <Question qid="0000001-1" qtype="transmission">Is impetigo contagious?</Question>
                <Answer>Bacteria living on the skin, usually staphylococci or streptococci, get in through a scratch, an insect bite or eczema. The sores weep and form golden crusts; touching them, or sharing towels, flannels and toys, carries the bacteria to other skin. A child should stay off school or nursery until the sores have crusted over and healed, or for 48 hours after starting antibiotic treatment.</Answer>
                </QAPair>
                </QAPairs>
                </Document>
                """ + trailer);
        TestFiles.write(TestFiles.extraCorpus().resolve("question-match/impetigo-pages.jsonl"),
                "{\"id\":\"" + PLAIN_PAGE + "\",\"title\":\"Impetigo\",\"status\":\"approved\",\"text\":"
                        + "\"Impetigo is a common skin infection in children. The sores burst and leave yellow-brown crusts.\"}\n"
                        + "{\"id\":\"test-impetigo-rash\",\"title\":\"Impetigo rash\",\"status\":\"approved\",\"text\":"
                        + "\"Impetigo is a rash of crusted, honey-coloured sores around the nose and mouth, caused by bacteria.\"}\n");
        given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).post("/api/v1/admin/corpus/import").then().statusCode(200);
    }

    static List<String> search(String mode) {
        return given().queryParam("q", ASKED).queryParam("mode", mode).queryParam("limit", 5).get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getList("results.documentId", String.class);
    }

    @Test
    void questionPhrasedLikeAStoredQuestionFindsItsDocumentFirst() {
        writeCorpus();

        assertThat(search("hybrid")).first().isEqualTo(QA_DOCUMENT);
        assertThat(search("vector")).first().isEqualTo(QA_DOCUMENT);
    }

    @Test
    void anUnchangedQuestionIsNeverEmbeddedAgain() {
        writeCorpus();
        long before = status().getLong("questionsEmbeddedSinceStart");

        writeCorpus("<!-- exported again -->\n"); // another file, the same pair: parsed again, found unchanged by hash

        JsonPath after = status();
        assertThat(after.getInt("lastImport.unchanged")).isPositive();
        assertThat(after.getLong("lastImport.questionsEmbedded")).isZero();
        assertThat(after.getLong("questionsEmbeddedSinceStart")).isEqualTo(before);
    }

    static JsonPath status() {
        return given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).get("/api/v1/admin/corpus/status")
                .then().statusCode(200).extract().jsonPath();
    }
}
