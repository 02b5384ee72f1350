package org.symptomchecker.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestClient;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/**
 * The content team's to-do list through real HTTP: a question without vetted content and a voted answer are kept
 * redacted, grouped by wording, listed only to a console login; a second vote replaces the first; bad votes are refused.
 */
@QuarkusTest
class ContentGapsTest {

    private static final String GAPS = "/api/v1/admin/content/gaps";
    ConsoleSession editor;

    @BeforeEach
    void login() {
        ConsoleSession admin = ConsoleSession.admin();
        String name = ConsoleSession.uniqueName("gaps");
        editor = ConsoleSession.login(name, admin.createUser(name, "editor"));
    }

    @Test
    void anUnansweredQuestionIsListedRedactedAndGroupedWithOthersLikeIt() {
        String marker = "zzgaptest" + System.nanoTime();
        JsonPath first = TestClient.say(null, "My name is John Smith, call me on 07700 900123: why do I keep getting " + marker + " heartburn after eating?");
        assertThat(first.getList("citations")).isEmpty();
        TestClient.say(null, "why heartburn after eating " + marker + " every night");

        JsonPath gaps = editor.request().queryParam("kind", "no-answer").get(GAPS).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> groups = gaps.getList("groups");
        Map<String, Object> group = groups.stream().filter(g -> String.valueOf(g.get("example")).contains(marker)).findFirst().orElseThrow();
        assertThat(((Number) group.get("count")).intValue()).isEqualTo(2);
        String all = groups.toString();
        assertThat(all).doesNotContain("John Smith").doesNotContain("07700").doesNotContain("900123");
        assertThat(String.valueOf(group.get("questions"))).contains("[name]").contains("[phone]");
    }

    @Test
    void aVoteOnTheLastAnswerIsKeptRedactedAndASecondVoteReplacesIt() {
        String marker = "zzvote" + System.nanoTime();
        JsonPath answered = TestClient.say(null, "what is sciatica " + marker);
        String conversation = answered.getString("conversationId");
        vote(conversation, "down", "did not help, write to me at jane.doe@example.org").then().statusCode(201);
        JsonPath down = editor.request().queryParam("kind", "down-vote").get(GAPS).then().statusCode(200).extract().jsonPath();
        assertThat(down.getList("groups").toString()).contains(marker).doesNotContain("jane.doe@example.org");
        long before = down.getLong("total");

        vote(conversation, "up", null).then().statusCode(201);
        JsonPath after = editor.request().queryParam("kind", "down-vote").get(GAPS).then().statusCode(200).extract().jsonPath();
        assertThat(after.getList("groups").toString()).doesNotContain(marker);
        assertThat(after.getLong("total")).isEqualTo(before - 1);
        JsonPath up = editor.request().queryParam("kind", "up-vote").get(GAPS).then().statusCode(200).extract().jsonPath();
        assertThat(up.getList("groups").toString()).contains(marker);

        // "forget me" takes the kept question and vote with the conversation
        given().delete("/api/v1/conversations/" + conversation).then().statusCode(204);
        JsonPath forgotten = editor.request().queryParam("kind", "up-vote").get(GAPS).then().statusCode(200).extract().jsonPath();
        assertThat(forgotten.getList("groups").toString()).doesNotContain(marker);
    }

    @Test
    void badVotesAreRefusedWithProblemBodies() {
        String conversation = TestClient.say(null, "what is sciatica").getString("conversationId");
        vote(conversation, "sideways", null).then().statusCode(400).contentType(startsWith("application/problem+json"));
        vote("no-such-conversation", "down", null).then().statusCode(404).contentType(startsWith("application/problem+json"));
        vote("../x", "down", null).then().statusCode(400);
        vote(conversation, "down", "x".repeat(501)).then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/feedback").then().statusCode(400);
    }

    @Test
    void theListsAndCountsNeedALoginAndCountToday() {
        given().get(GAPS).then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().get("/api/v1/admin/content/stats").then().statusCode(401);
        editor.request().queryParam("days", 0).get(GAPS).then().statusCode(400);
        editor.request().queryParam("kind", "other").get(GAPS).then().statusCode(400);
        TestClient.say(null, "what is sciatica");
        JsonPath stats = editor.request().queryParam("days", 2).get("/api/v1/admin/content/stats").then().statusCode(200).extract().jsonPath();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Map<String, Object> day = stats.getList("", Map.class).stream().filter(d -> today.equals(d.get("date"))).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) day.get("levels")).values().stream().mapToLong(v -> ((Number) v).longValue()).sum()).isPositive();
    }

    private static io.restassured.response.Response vote(String conversation, String vote, String comment) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("conversationId", conversation);
        body.put("vote", vote);
        if (comment != null) {
            body.put("comment", comment);
        }
        return given().contentType(ContentType.JSON).body(TestClient.json(body)).post("/api/v1/feedback");
    }
}
