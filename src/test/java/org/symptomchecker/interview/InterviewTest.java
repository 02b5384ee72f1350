package org.symptomchecker.interview;

import static org.symptomchecker.TestClient.say;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole screening interviews through the chat, as a person would have them. */
@QuarkusTest
class InterviewTest {

    /** Where the restart test finds an interview begun before the application restarted. */

    /** "34" to an age question, "no" to anything else. */
    static String no(JsonPath reply) {
        String q = String.join(" ", reply.getList("followUps.text", String.class)).toLowerCase();
        return q.contains("how old") ? "34" : "no";
    }

    @Test
    void benignBackPainInterviewEndsSelfCareWithCitations() {
        JsonPath r = say(null, "my back hurts");
        String id = r.getString("conversationId");
        assertThat(r.getString("interview.flow")).isEqualTo("low-back-pain");
        assertThat(r.getInt("interview.step")).isEqualTo(1);
        assertThat(r.getList("followUps")).hasSize(1);
        assertThat(r.getList("followUps[0].options", String.class)).contains("Yes", "No");
        int answers = 0;
        while (!r.getBoolean("interview.done") && answers < 10) {
            r = say(id, no(r));
            answers++;
            assertThat(r.getString("triage.level")).as("a no must not escalate").isIn("SELF_CARE", "NONE");
        }
        assertThat(r.getBoolean("interview.done")).isTrue();
        assertThat(answers).isLessThanOrEqualTo(7);
        assertThat(r.getString("disposition.level")).isEqualTo("SELF_CARE");
        assertThat(r.getString("disposition.why")).isNotBlank();
        assertThat(r.getList("disposition.citations")).isNotEmpty();
        assertThat(r.getList("citations")).isNotEmpty();
        assertThat(r.getList("followUps")).isEmpty();
    }

    @Test
    void redFlagInTheThirdAnswerIsRoutedAtOnce() {
        JsonPath r = say(null, "my lower back has been sore since the weekend");
        String id = r.getString("conversationId");
        r = say(id, "no");
        r = say(id, "nope");
        r = say(id, "yes, both legs feel weak and numb");
        assertThat(r.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(r.getString("reply")).startsWith("Call 911");
        assertThat(r.getBoolean("interview.done")).isTrue();
    }

    @Test
    void unsureTwiceAboutAnEmergencySignIsUrgentAndWhyGetsAReason() {
        JsonPath r = say(null, "my back hurts");
        String id = r.getString("conversationId");
        String first = r.getString("followUps[0].text");
        JsonPath why = say(id, "why do you ask?");
        assertThat(why.getString("reply")).endsWith(first).hasSizeGreaterThan(first.length() + 10);
        JsonPath plainer = say(id, "dunno");
        assertThat(plainer.getString("followUps[0].text")).isNotEqualTo(first);
        assertThat(plainer.getString("interview.flow")).isEqualTo("low-back-pain");
        JsonPath after = say(id, "not sure");
        assertThat(after.getString("triage.level")).isEqualTo("URGENT");
    }

    @Test
    void skipAnswersTheQuestionAndListsTheWarningSignsNotAskedAbout() {
        String id = say(null, "my lower back hurts").getString("conversationId");
        JsonPath r = say(id, "just tell me some stretches");
        assertThat(r.getBoolean("interview.done")).isTrue();
        assertThat(r.getList("citations")).isNotEmpty();
        assertThat(r.getString("reply")).containsIgnoringCase("get medical help at once if you notice");
        assertThat(r.getString("triage.level")).isEqualTo("SELF_CARE");
    }

    @Test
    void aNewSymptomInAnAnswerIsHeard() {
        String id = say(null, "lower back pain for three days, no injury").getString("conversationId");
        JsonPath r = say(id, "no, but I cant pee since last night");
        assertThat(r.getString("triage.level")).isEqualTo("EMERGENCY");
    }

    /** Left unfinished: RestartTest continues the newest such interview after the application restarts. */
    @Test
    void aHipPainReportBeginsTheHipPainInterview() {
        JsonPath r = say(null, "my hip hurts when I walk");
        assertThat(r.getString("interview.flow")).isEqualTo("hip-pain");
        assertThat(r.getInt("interview.step")).isEqualTo(1);
    }

    @Test
    void afterTheInterviewTheSameComplaintIsAnsweredNotAskedAgain() {
        JsonPath r = say(null, "my back hurts");
        String id = r.getString("conversationId");
        List<String> skip = List.of("just tell me what helps");
        r = say(id, skip.get(0));
        JsonPath again = say(id, "my back still hurts a bit");
        assertThat(again.getList("followUps")).isEmpty();
        assertThat(again.getString("triage.level")).isEqualTo("SELF_CARE");
    }

    @Test
    void aNewComplaintMidWayStartsItsOwnFlow() {
        String id = say(null, "my back hurts").getString("conversationId");
        say(id, "no");
        JsonPath r = say(id, "my hip hurts when I walk as well");
        assertThat(r.getString("interview.flow")).isEqualTo("hip-pain");
        assertThat(r.getInt("interview.step")).isEqualTo(1);
    }

    @Test
    void aChoiceQuestionIsAnsweredByPickingAnOption() {
        JsonPath r = say(null, "I have sciatica, pain shooting down my leg");
        assertThat(r.getString("interview.flow")).isEqualTo("sciatica");
        assertThat(r.getList("followUps[0].options", String.class)).contains("One leg", "Both legs");
        String id = r.getString("conversationId");
        JsonPath one = say(id, "One leg");
        assertThat(one.getString("triage.level")).isNotEqualTo("EMERGENCY");
        assertThat(one.getInt("interview.step")).isEqualTo(2);

        String other = say(null, "I have sciatica, pain shooting down my leg").getString("conversationId");
        assertThat(say(other, "Both legs").getString("triage.level")).isEqualTo("EMERGENCY");
    }

    @Test
    void anInformationRequestIsAnsweredFirstWithoutScreening() {
        for (String question : List.of("what exercises can I do for tight hip flexors", "how long does shingles last",
                "what is sciatica?")) {
            JsonPath r = say(null, question);
            assertThat(r.getString("interview")).as(question).isNull();
            assertThat(r.getList("followUps")).as(question).isEmpty();
            assertThat(r.getList("citations")).as(question).isNotEmpty();
        }
        // the same words as the person's own complaint do start the interview
        JsonPath own = say(null, "what can I do for my back pain, it started yesterday");
        assertThat(own.getString("interview.flow")).isEqualTo("low-back-pain");
    }

    @Test
    void anAgeGivenInPlaceOfAnAnswerIsTakenAndTheQuestionAskedAgain() {
        JsonPath r = say(null, "my back hurts");
        String id = r.getString("conversationId");
        int answers = 0;
        while (!"cancer_history".equals(asks(r)) && !r.getBoolean("interview.done") && answers < 10) {
            r = say(id, no(r));
            answers++;
        }
        assertThat(asks(r)).as("the flow asks about cancer").isEqualTo("cancer_history");
        String cancerQuestion = r.getString("followUps[0].text");
        r = say(id, "i'm 34");
        assertThat(r.getString("followUps[0].text")).as("not answered: asked again").isEqualTo(cancerQuestion);
        r = say(id, "no");
        assertThat(r.getBoolean("interview.done")).as("the age was given: not asked").isTrue();
        assertThat(r.getString("disposition.level")).isEqualTo("SELF_CARE");
    }

    /** Whether the reply asks about cancer ("cancer_history"), asks something else ("other") or asks nothing (null), read from its quick-reply question. */
    private static String asks(JsonPath reply) {
        String q = String.join(" ", reply.getList("followUps.text", String.class)).toLowerCase();
        return q.contains("cancer") ? "cancer_history" : q.isEmpty() ? null : "other";
    }
}
