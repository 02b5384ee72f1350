package org.symptomchecker.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestClient;
import org.symptomchecker.content.ReleasesProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/**
 * The console's preview and golden conversations through real HTTP, on the running service with content from
 * releases: a draft's rule change and wording change shown beside the published release's, turn by turn; a stored
 * conversation replayed; golden conversations added, run and removed in a draft; an evaluation that reports the
 * golden conversations and the answer set, and refuses a draft that breaks a golden conversation.
 */
@QuarkusTest
@TestProfile(ReleasesProfile.class)
class ConsolePreviewTest {

    private static final String API = "/api/v1/admin/content";
    private static final String RULES = "guardrails/rules.yaml";
    private static final String EMERGENCY = "guardrails/responses/emergency.txt";
    private static final String GREETING = "prompts/reply/greeting.txt";
    private static final String HIP = "my right hip aches after long walks";
    private static final String SADDLE = "i have back pain and now i cant feel anything when i wipe after the toilet";

    ConsoleSession admin;
    ConsoleSession editor;

    @BeforeEach
    void users() {
        admin = ConsoleSession.admin();
        editor = admin.newUser("editor");
    }

    @Test
    void aDraftsRuleAndWordingChangesShowBesideThePublishedRelease() {
        long draft = newDraft("a stricter hip rule, new emergency wording");
        String rules = file(draft, RULES);
        String stricter = rules.replaceFirst("(?m)^rules:\\s*$", """
                rules:
                  - id: preview-test-hip-urgent
                    level: URGENT
                    description: Any hip pain (a test rule, never published)
                    source: "ConsolePreviewTest"
                    all: [hip_pain]
                    response: urgent
                    reason: "This is a test rule."
                """);
        assertThat(stricter).isNotEqualTo(rules);
        put(draft, RULES, stricter).then().statusCode(200);
        put(draft, EMERGENCY, file(draft, EMERGENCY).replace("Do not wait to see if it gets better.",
                "Do not wait to see if it gets better. Preview marker.")).then().statusCode(200);

        JsonPath p = preview(draft, Map.of("messages", List.of(HIP), "region", "uk")).then().statusCode(200).extract().jsonPath();
        assertThat(p.getString("published.content")).isEqualTo("published");
        assertThat(p.getLong("published.release")).isPositive();
        assertThat(p.getString("draft.content")).isEqualTo("draft");
        assertThat(p.getString("published.turns[0].message")).isEqualTo(HIP);
        assertThat(p.getString("published.turns[0].level")).isNotIn("URGENT", "EMERGENCY");
        assertThat(p.getList("published.turns[0].ruleIds", String.class)).doesNotContain("preview-test-hip-urgent");
        assertThat(p.getString("draft.turns[0].level")).isEqualTo("URGENT");
        assertThat(p.getList("draft.turns[0].ruleIds", String.class)).contains("preview-test-hip-urgent");
        assertThat(p.getList("differingTurns", Integer.class)).containsExactly(0);

        // a saddle numbness message meets an unchanged EMERGENCY rule: only the draft's wording differs
        JsonPath saddle = preview(draft, Map.of("messages", List.of(SADDLE), "region", "UK")).then().statusCode(200).extract().jsonPath();
        assertThat(saddle.getString("published.turns[0].level")).isEqualTo("EMERGENCY");
        assertThat(saddle.getString("draft.turns[0].level")).isEqualTo("EMERGENCY");
        assertThat(saddle.getList("published.turns[0].ruleIds", String.class)).contains("cauda-equina-saddle-numbness")
                .isEqualTo(saddle.getList("draft.turns[0].ruleIds", String.class));
        assertThat(saddle.getString("published.turns[0].reply")).contains("999").doesNotContain("Preview marker");
        assertThat(saddle.getString("draft.turns[0].reply")).contains("999").contains("Preview marker");
        discard(draft);
    }

    @Test
    void aQuestionIsAnsweredWithCitationsOnBothSidesAndAConversationKeepsItsTurns() {
        long draft = newDraft("greeting only");
        put(draft, GREETING, "Hi there. Tell me what is bothering you. I am not a doctor.").then().statusCode(200);
        JsonPath p = preview(draft, Map.of("messages", List.of("hello", "how long does a hip flexor strain take to heal?")))
                .then().statusCode(200).extract().jsonPath();
        assertThat(p.getList("published.turns")).hasSize(2);
        assertThat(p.getString("published.turns[0].reply")).startsWith("Hello.");
        assertThat(p.getString("draft.turns[0].reply")).startsWith("Hi there.");
        assertThat(p.getList("published.turns[1].citations.documentId", String.class)).contains("hip-flexor-strain");
        assertThat(p.getList("draft.turns[1].citations.documentId", String.class))
                .isEqualTo(p.getList("published.turns[1].citations.documentId", String.class));
        assertThat(p.getList("differingTurns", Integer.class)).containsExactly(0);
        discard(draft);
    }

    @Test
    void aStoredConversationIsReplayedAndItsReadingAudited() {
        JsonPath first = TestClient.say(null, "my lower back has ached for a week");
        String id = first.getString("conversationId");
        TestClient.say(id, "today i cant feel anything when i wipe after the toilet");
        long draft = newDraft("replay");
        // a person's own words: not for an editor
        preview(draft, Map.of("conversationId", id)).then().statusCode(403).contentType(startsWith("application/problem+json"));
        ConsoleSession reviewer = admin.newUser("reviewer");
        JsonPath p = reviewer.post(API + "/drafts/" + draft + "/preview", Map.of("conversationId", id))
                .then().statusCode(200).extract().jsonPath();
        assertThat(p.getList("published.turns.message", String.class))
                .containsExactly("my lower back has ached for a week", "today i cant feel anything when i wipe after the toilet");
        assertThat(p.getString("published.turns[1].level")).isEqualTo("EMERGENCY");
        assertThat(p.getString("draft.turns[1].level")).isEqualTo("EMERGENCY");
        JsonPath audit = admin.request().queryParam("action", "preview.conversation-read").get(API + "/audit")
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("entries.actor", String.class)).contains(reviewer.username()).doesNotContain(editor.username());
        assertThat(audit.getList("entries.target", String.class)).noneMatch(t -> t.contains(id));

        reviewer.post(API + "/drafts/" + draft + "/preview", Map.of("conversationId", "../../etc")).then().statusCode(400);
        reviewer.post(API + "/drafts/" + draft + "/preview", Map.of("conversationId", "no-such-conversation")).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        discard(draft);
    }

    @Test
    void badPreviewRequestsAreRefusedWithAProblem() {
        long draft = newDraft("bad input");
        Map<String, Object> both = Map.of("messages", List.of("hello"), "golden", "chest-pain-sms-uk");
        List<Map<String, Object>> bad = List.of(both, Map.of(), Map.of("messages", List.of()), Map.of("messages", List.of(" ")),
                Map.of("messages", java.util.Collections.nCopies(21, "hello")), Map.of("messages", List.of("x".repeat(2001))),
                Map.of("messages", List.of("hello"), "sex", "sometimes"), Map.of("messages", List.of("hello"), "region", "MARS"),
                Map.of("messages", List.of("hello"), "age", 300));
        for (Map<String, Object> body : bad) {
            preview(draft, body).then().statusCode(400).contentType(startsWith("application/problem+json"));
        }
        editor.withCsrf().contentType(ContentType.JSON).body("{not json").post(API + "/drafts/" + draft + "/preview")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().redirects().follow(false).contentType(ContentType.JSON).body("{\"messages\":[\"hello\"]}")
                .post(API + "/drafts/" + draft + "/preview").then().statusCode(401);
        preview(999_999, Map.of("messages", List.of("hello"))).then().statusCode(404);
        preview(draft, Map.of("golden", "no-such-golden")).then().statusCode(404);

        put(draft, RULES, file(draft, RULES).replaceFirst("level: EMERGENCY", "level: VERY_BAD")).then().statusCode(200);
        preview(draft, Map.of("messages", List.of("hello"))).then().statusCode(422)
                .contentType(startsWith("application/problem+json"));
        discard(draft);
    }

    @Test
    void goldenConversationsAreAddedRunAndRemovedInADraft() {
        long draft = newDraft("golden");
        List<String> shipped = goldenIds(draft);
        assertThat(shipped).contains("chest-pain-sms-uk", "saddle-numbness-later-turn", "hip-flexor-question");

        Map<String, Object> g = new HashMap<>(Map.of("messages", List.of("crushing chest pain spreading to my left arm"),
                "region", "EU", "level", "EMERGENCY", "must", List.of("112"), "must_not", List.of("ibuprofen"),
                "note", "EU number in the emergency reply"));
        editor.withCsrf().contentType(ContentType.JSON).body(TestClient.json(g)).put(API + "/drafts/" + draft + "/golden/chest-pain-eu")
                .then().statusCode(200);
        assertThat(goldenIds(draft)).containsAll(shipped).contains("chest-pain-eu");
        JsonPath listed = editor.request().get(API + "/drafts/" + draft + "/golden").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getString("find { it.id == 'chest-pain-eu' }.by")).isEqualTo(editor.username());
        assertThat(file(draft, "guardrails/evaluation/golden/conversations.jsonl")).contains("\"id\":\"chest-pain-eu\"");

        // changed in place, not added twice
        g.put("note", "changed note");
        editor.withCsrf().contentType(ContentType.JSON).body(TestClient.json(g)).put(API + "/drafts/" + draft + "/golden/chest-pain-eu")
                .then().statusCode(200);
        assertThat(goldenIds(draft).stream().filter("chest-pain-eu"::equals)).hasSize(1);

        JsonPath run = preview(draft, Map.of("golden", "chest-pain-eu")).then().statusCode(200).extract().jsonPath();
        assertThat(run.getString("draft.turns[0].reply")).contains("112");

        Map<String, Object> noLevel = new HashMap<>(g);
        noLevel.remove("level");
        editor.withCsrf().contentType(ContentType.JSON).body(TestClient.json(noLevel)).put(API + "/drafts/" + draft + "/golden/x1")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        editor.withCsrf().contentType(ContentType.JSON).body(TestClient.json(g)).put(API + "/drafts/" + draft + "/golden/Bad_Id")
                .then().statusCode(400);
        editor.withCsrf().contentType(ContentType.JSON).body("{\"level\":\"SOMETIMES\",\"messages\":[\"x\"]}")
                .put(API + "/drafts/" + draft + "/golden/x2").then().statusCode(400);

        editor.withCsrf().delete(API + "/drafts/" + draft + "/golden/chest-pain-eu").then().statusCode(200);
        assertThat(goldenIds(draft)).doesNotContain("chest-pain-eu").containsAll(shipped);
        editor.withCsrf().delete(API + "/drafts/" + draft + "/golden/chest-pain-eu").then().statusCode(404);
        discard(draft);
    }

    @Test
    void theEvaluationRunsGoldenConversationsAndTheAnswerSetAndRefusesABrokenPromise() {
        long draft = newDraft("greeting loses a promise");
        Map<String, Object> g = Map.of("messages", List.of("hello"), "level", "NONE", "must", List.of("not a doctor"),
                "note", "the greeting says we are not a doctor");
        editor.withCsrf().contentType(ContentType.JSON).body(TestClient.json(g)).put(API + "/drafts/" + draft + "/golden/greeting-not-a-doctor")
                .then().statusCode(200);
        put(draft, GREETING, "Hi. Tell me what is bothering you.").then().statusCode(200);

        JsonPath e = editor.withCsrf().post(API + "/drafts/" + draft + "/evaluation").then().statusCode(200).extract().jsonPath();
        assertThat(e.getBoolean("passes")).isFalse();
        assertThat(e.getList("refusals", String.class)).anyMatch(r -> r.contains("golden conversation"));
        String me = "conversations.golden.find { it.id == 'greeting-not-a-doctor' }";
        assertThat(e.getBoolean(me + ".published.passes")).isTrue();
        assertThat(e.getBoolean(me + ".candidate.passes")).isFalse();
        assertThat(e.getBoolean(me + ".regressed")).isTrue();
        assertThat(e.getList(me + ".candidate.failures", String.class)).anyMatch(f -> f.contains("not a doctor"));
        String chest = "conversations.golden.find { it.id == 'chest-pain-sms-uk' }";
        assertThat(e.getBoolean(chest + ".published.passes")).as("a shipped golden conversation passes").isTrue();
        assertThat(e.getBoolean(chest + ".changed")).isFalse();
        assertThat(e.getInt("conversations.answers.questions")).isGreaterThanOrEqualTo(70);
        assertThat(e.getInt("conversations.answers.candidateHolds")).isEqualTo(e.getInt("conversations.answers.publishedHolds"));
        assertThat(e.getList("conversations.changedAnswers")).isEmpty();

        Response refused = editor.withCsrf().post(API + "/drafts/" + draft + "/publish");
        refused.then().statusCode(422);
        assertThat(refused.jsonPath().getList("refusals", String.class)).anyMatch(r -> r.contains("golden conversation"));
        discard(draft);
    }

    private long newDraft(String note) {
        return editor.post(API + "/drafts", Map.of("note", note)).then().statusCode(201).extract().jsonPath().getLong("draft.id");
    }

    private void discard(long draft) {
        editor.withCsrf().post(API + "/drafts/" + draft + "/discard").then().statusCode(200);
    }

    private String file(long draft, String path) {
        return editor.request().get(API + "/drafts/" + draft + "/files/" + path).then().statusCode(200).extract().asString();
    }

    private Response put(long draft, String path, String text) {
        return editor.withCsrf().contentType(ContentType.TEXT).body(text).put(API + "/drafts/" + draft + "/files/" + path);
    }

    private Response preview(long draft, Map<String, Object> body) {
        return editor.post(API + "/drafts/" + draft + "/preview", body);
    }

    private List<String> goldenIds(long draft) {
        return editor.request().get(API + "/drafts/" + draft + "/golden").then().statusCode(200).extract().jsonPath().getList("id", String.class);
    }
}
