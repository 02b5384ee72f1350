package org.symptomchecker.triage;

import static org.symptomchecker.TestClient.chat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.symptomchecker.GuardrailsCopy;

import java.io.IOException;
import java.nio.file.Files;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Triage inside the chat: routing, advice lines, regions, conversations, unreadable messages. */
@QuarkusTest
class ChatTriageTest {

    static String response(String name) throws IOException {
        return Files.readString(GuardrailsCopy.dir().resolve("responses/" + name + ".txt")).strip();
    }

    @Test
    void emergencyComesOnlyFromTheTemplateAndLeadsWithTheAction() {
        JsonPath r = chat("{\"message\":\"my husband's face is drooping and his speech is slurred\"}");
        assertThat(r.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(r.getList("triage.ruleIds")).isNotEmpty();
        assertThat(r.getString("triage.ruleSetVersion")).hasSize(12);
        assertThat(r.getString("reply")).startsWith("Call 911");
        assertThat(r.getList("citations")).isEmpty();
    }

    @Test
    void regionOfTheConversationChangesTheNumber() {
        JsonPath r = chat("{\"message\":\"my dad has crushing chest pain going down his left arm\",\"region\":\"EU\"}");
        assertThat(r.getString("reply")).contains("112").doesNotContain("911");
    }

    @Test
    void flagsInDifferentMessagesCombine() {
        String id = chat("{\"message\":\"my lower back has been aching for a few days\"}").getString("conversationId");
        chat("{\"conversationId\":\"" + id + "\",\"message\":\"it started after moving furniture\"}");
        JsonPath third = chat("{\"conversationId\":\"" + id + "\",\"message\":\"and now I can't feel my bum when I wipe\"}");
        assertThat(third.getString("triage.level")).isEqualTo("EMERGENCY");
    }

    @Test
    void emergencyStandsAfterACorrection() {
        String id = chat("{\"message\":\"I have crushing chest pain\"}").getString("conversationId");
        JsonPath after = chat("{\"conversationId\":\"" + id + "\",\"message\":\"actually I don't have chest pain now, it's fine\"}");
        assertThat(after.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(after.getString("reply")).contains("911");
    }

    @Test
    void informationQuestionGetsItsAnswerAndWhenToGetHelp() throws IOException {
        JsonPath r = chat("{\"message\":\"what should I do if someone gets crushing chest pain?\"}");
        assertThat(r.getString("triage.level")).isEqualTo("NONE");
        assertThat(r.getString("reply")).endsWith(response("when-to-get-help").replace("{{emergency_number}}", "911"));
    }

    @Test
    void ordinaryBackPainGetsVettedContentAndTheSelfCareLine() throws IOException {
        String id = chat("{\"message\":\"my lower back aches after sitting at my desk all day\",\"age\":35}").getString("conversationId");
        JsonPath r = chat("{\"conversationId\":\"" + id + "\",\"message\":\"just tell me what helps with back pain\"}");
        assertThat(r.getString("triage.level")).isIn("SELF_CARE", "ROUTINE");
        String line = response(r.getString("triage.level").equals("SELF_CARE") ? "self-care" : "routine")
                .replace("{{emergency_number}}", "911");
        assertThat(r.getString("reply")).endsWith(line);
    }

    @Test
    void unreadableMessageGetsTheEmergencyNumber() {
        JsonPath r = chat("{\"message\":\"asdkfj qpwoeiru zmxncb\"}");
        assertThat(r.getString("reply")).contains("911");
        assertThat(r.getList("citations")).isEmpty();
    }
}
