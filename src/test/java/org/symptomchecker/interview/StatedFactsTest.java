package org.symptomchecker.interview;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symptomchecker.GuardrailsCopy;
import org.symptomchecker.TestFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.symptomchecker.TestClient.say;

/**
 * Facts the person already gave (an age, how long, which side) are not asked for again, and a reply that gives a
 * fact in place of an answer is taken for the fact while its question is asked again. The hip-pain flow of the
 * test's guardrails copy gets a side and a duration question for this (put back afterwards).
 */
@QuarkusTest
class StatedFactsTest {

    static final String SIDE_QUESTION = "Which hip is it: left, right or both?";
    static final String DURATION_QUESTION = "How long have you had this hip pain?";

    private String original;

    static Path flow() {
        return GuardrailsCopy.dir().resolve("interviews/hip-pain.yaml");
    }

    static void reload() {
        given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).post("/api/v1/admin/guardrails/reload").then().statusCode(200);
    }

    @BeforeEach
    void addFactQuestions() throws IOException {
        original = Files.readString(flow());
        String facts = """
                questions:
                  - concept: side
                    emergency: false
                    type: choice
                    text: "%s"
                    plain: "Is the pain in your left hip, your right hip, or both?"
                    why: "It helps to know where the pain is."
                    options: ["Left", "Right", "Both"]
                    flag_options: ["Both"]
                  - concept: duration
                    emergency: false
                    type: number
                    text: "%s"
                    plain: "How many days or weeks has your hip hurt?"
                    why: "How long pain has lasted changes what to do next."
                    options: []
                """.formatted(SIDE_QUESTION, DURATION_QUESTION);
        Files.writeString(flow(), original.replace("max_questions: 7", "max_questions: 9").replaceFirst("questions:\n", facts));
        reload();
    }

    @AfterEach
    void putTheFlowBack() throws IOException {
        Files.writeString(flow(), original);
        reload();
    }

    /** Every question the interview asks, answering "no" (or "left", "2 weeks") until it ends. */
    static List<String> questionsAsked(String first) {
        List<String> asked = new ArrayList<>();
        JsonPath r = say(null, first);
        String id = r.getString("conversationId");
        for (int i = 0; i < 12 && !r.getList("followUps").isEmpty(); i++) {
            String q = r.getString("followUps[0].text");
            asked.add(q);
            r = say(id, q.equals(SIDE_QUESTION) ? "left" : q.equals(DURATION_QUESTION) ? "2 weeks" : "no");
        }
        assertThat(r.getBoolean("interview.done")).as("the interview ends: " + asked).isTrue();
        return asked;
    }

    @Test
    void withoutTheFactsBothQuestionsAreAsked() {
        assertThat(questionsAsked("my hip hurts")).contains(SIDE_QUESTION, DURATION_QUESTION);
    }

    @Test
    void aSideAndADurationGivenInTheFirstMessageAreNotAskedFor() {
        assertThat(questionsAsked("my left hip has hurt for 3 days")).doesNotContain(SIDE_QUESTION, DURATION_QUESTION);
    }

    @Test
    void aDurationGivenInPlaceOfAnAnswerIsTakenAndTheQuestionAskedAgain() {
        JsonPath r = say(null, "my left hip hurts");
        String id = r.getString("conversationId");
        assertThat(r.getString("followUps[0].text")).isEqualTo(DURATION_QUESTION); // the side is known: duration first
        r = say(id, "2 weeks");
        String fall = r.getString("followUps[0].text");
        r = say(id, "it's been about 2 weeks really");
        assertThat(r.getString("followUps[0].text")).as("not answered: asked again").isEqualTo(fall);
    }
}
