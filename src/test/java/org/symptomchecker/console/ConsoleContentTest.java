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

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/**
 * The content team's way through the console API, on the real database and the running service with content from
 * releases: a draft, its diff, its evaluation, a reviewer's approval, a publish served within seconds, a weakening
 * refused by the gate, and a rollback through the same gate; every step in the audit log.
 */
@QuarkusTest
@TestProfile(ReleasesProfile.class)
class ConsoleContentTest {

    private static final String API = "/api/v1/admin/content";
    private static final String GREETING = "prompts/reply/greeting.txt";

    ConsoleSession admin;
    ConsoleSession editor;
    ConsoleSession reviewer;

    @BeforeEach
    void users() {
        admin = ConsoleSession.admin();
        editor = admin.newUser("editor");
        reviewer = admin.newUser("reviewer");
    }

    @Test
    void theContentApiNeedsALogin() {
        for (String path : List.of(API + "/releases", API + "/drafts", API + "/releases/1", API + "/releases/1/export")) {
            given().redirects().follow(false).get(path).then().statusCode(401).contentType(startsWith("application/problem+json"));
        }
        given().redirects().follow(false).contentType(ContentType.JSON).body("{}").post(API + "/drafts")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void anEditorsWordingChangeIsDiffedEvaluatedPublishedAndServed() {
        long before = publishedRelease();
        long draft = newDraft(editor, "friendlier greeting");
        String greeting = "Hi. I can share vetted health information about back pain, sciatica, hip pain and shingles. "
                + "Tell me what is bothering you, in your own words. I am not a doctor and cannot diagnose you.";
        put(editor, draft, GREETING, greeting).then().statusCode(200);

        JsonPath diff = editor.request().get(API + "/drafts/" + draft + "/diff").then().statusCode(200).extract().jsonPath();
        assertThat(diff.getList("path", String.class)).containsExactly(GREETING);
        assertThat(diff.getString("[0].change")).isEqualTo("changed");
        assertThat(diff.getBoolean("[0].needsSignOff")).isFalse();
        List<Map<String, Object>> lines = diff.getList("[0].lines");
        assertThat(lines).anySatisfy(l -> assertThat(l).containsEntry("kind", "-").extractingByKey("text").asString().startsWith("Hello."))
                .anySatisfy(l -> assertThat(l).containsEntry("kind", "+").extractingByKey("text").asString().startsWith("Hi."));

        JsonPath evaluation = editor.withCsrf().post(API + "/drafts/" + draft + "/evaluation").then().statusCode(200).extract().jsonPath();
        assertThat(evaluation.getBoolean("passes")).isTrue();
        assertThat(evaluation.getInt("cases")).isGreaterThan(1000);
        assertThat(evaluation.getList("changed")).isEmpty();

        JsonPath published = editor.withCsrf().post(API + "/drafts/" + draft + "/publish").then().statusCode(200).extract().jsonPath();
        long release = published.getLong("release");
        awaitServed(release);
        JsonPath reply = TestClient.say(null, "hello");
        assertThat(reply.getString("reply")).startsWith("Hi. I can share");
        assertThat(reply.getLong("contentRelease")).isEqualTo(release);

        JsonPath meta = editor.request().get(API + "/releases/" + release).then().statusCode(200).extract().jsonPath();
        assertThat(meta.getString("release.author")).isEqualTo(editor.username());
        assertThat(meta.getString("release.note")).isEqualTo("friendlier greeting");
        assertThat(meta.getBoolean("published")).isTrue();
        assertThat(editor.request().get(API + "/releases/" + release + "/files/" + GREETING).then().statusCode(200).extract().asString())
                .isEqualTo(greeting);

        List<String> actions = audit(editor.username());
        assertThat(actions).contains("draft.created", "draft.file-changed", "draft.evaluated", "release.published");

        // put back what was there, for the other tests: an older release goes back through the same gate
        rollbackTo(before);
        assertThat(TestClient.say(null, "hello").getString("reply")).startsWith("Hello.");
        assertThat(audit(reviewer.username())).contains("release.rolled-back");
    }

    @Test
    void aWeakenedEmergencyRuleIsRefusedEvenWhenApproved() {
        long before = publishedRelease();
        long draft = newDraft(editor, "weaken a rule");
        String rules = editor.request().get(API + "/drafts/" + draft + "/files/guardrails/rules.yaml").then().statusCode(200).extract().asString();
        put(editor, draft, "guardrails/rules.yaml", rules.replaceFirst("level: EMERGENCY", "level: URGENT")).then().statusCode(200);

        // touching the rules needs a second person: not the author, and not without an approval
        JsonPath unapproved = editor.withCsrf().post(API + "/drafts/" + draft + "/publish").then().statusCode(422).extract().jsonPath();
        assertThat(unapproved.getList("refusals", String.class)).anyMatch(r -> r.contains("reviewer who is not its author"));
        editor.withCsrf().post(API + "/drafts/" + draft + "/approve").then().statusCode(403);
        reviewer.withCsrf().post(API + "/drafts/" + draft + "/approve").then().statusCode(200);

        JsonPath refused = editor.withCsrf().post(API + "/drafts/" + draft + "/publish").then().statusCode(422).extract().jsonPath();
        assertThat(refused.getBoolean("published")).isFalse();
        assertThat(refused.getList("refusals", String.class)).anyMatch(r -> r.contains("EMERGENCY or URGENT evaluation case(s) come out lower"));
        List<Map<String, Object>> changed = refused.getList("report.changed");
        assertThat(changed).isNotEmpty().anySatisfy(c -> assertThat(c).containsEntry("published", "EMERGENCY")
                .containsEntry("candidate", "URGENT").containsEntry("refuses", true));
        assertThat(publishedRelease()).isEqualTo(before);
        assertThat(TestClient.say(null, "I have a plan to kill myself tonight").getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(audit(editor.username())).contains("release.publish-refused");
        assertThat(audit(reviewer.username())).contains("draft.approved");
    }

    @Test
    void aChangedEmergencyNumberAndAnSmsThatBuriesTheNumberAreRefused() {
        long draft = newDraft(editor, "numbers");
        String regions = editor.request().get(API + "/drafts/" + draft + "/files/guardrails/regions.yaml").then().extract().asString();
        put(editor, draft, "guardrails/regions.yaml", regions.replace("emergency_number: \"999\"", "emergency_number: \"998\"")).then().statusCode(200);
        String emergency = editor.request().get(API + "/drafts/" + draft + "/files/guardrails/responses/emergency.txt").then().extract().asString();
        put(editor, draft, "guardrails/responses/emergency.txt", "We are very sorry to hear that you are feeling unwell today, and we want "
                + "to make sure that you get the right help as quickly as it can be arranged for you and your family. " + emergency)
                .then().statusCode(200);
        reviewer.withCsrf().post(API + "/drafts/" + draft + "/approve").then().statusCode(200);
        JsonPath refused = editor.withCsrf().post(API + "/drafts/" + draft + "/publish").then().statusCode(422).extract().jsonPath();
        List<String> refusals = refused.getList("refusals", String.class);
        assertThat(refusals).anyMatch(r -> r.contains("region UK") && r.contains("998"));
        assertThat(refusals).anyMatch(r -> r.contains("'emergency'") && r.contains("first 160 characters"));
        editor.withCsrf().post(API + "/drafts/" + draft + "/discard").then().statusCode(200);
    }

    @Test
    void anEditAfterTheApprovalVoidsItAndOnlyReviewersRollBack() {
        long draft = newDraft(editor, "routine wording");
        String routine = editor.request().get(API + "/drafts/" + draft + "/files/guardrails/responses/routine.txt").then().extract().asString();
        put(editor, draft, "guardrails/responses/routine.txt", routine + "\n").then().statusCode(200);
        assertThat(reviewer.withCsrf().post(API + "/drafts/" + draft + "/approve").then().statusCode(200).extract().jsonPath().getBoolean("approved")).isTrue();
        JsonPath after = put(editor, draft, "guardrails/responses/routine.txt", routine + "\n\n").then().statusCode(200).extract().jsonPath();
        assertThat(after.getBoolean("approved")).isFalse();
        assertThat(after.getBoolean("needsSignOff")).isTrue();
        editor.withCsrf().post(API + "/releases/1/rollback").then().statusCode(403);
        editor.withCsrf().post(API + "/drafts/" + draft + "/discard").then().statusCode(200);
        put(editor, draft, GREETING, "x").then().statusCode(409);
    }

    @Test
    void badRequestsGetProblemBodies() {
        long draft = newDraft(editor, "bad input");
        // a path that climbs out of the content roots never reaches a file: the HTTP layer resolves it away (404) or it is refused (400)
        put(editor, draft, "../etc/passwd", "x").then().statusCode(org.hamcrest.Matchers.oneOf(400, 404))
                .contentType(startsWith("application/problem+json"));
        editor.withCsrf().urlEncodingEnabled(false).contentType(ContentType.TEXT).body("x")
                .put(API + "/drafts/" + draft + "/files/guardrails/%2E%2E/%2E%2E/etc/passwd").then().statusCode(org.hamcrest.Matchers.oneOf(400, 404));
        assertThat(editor.request().get(API + "/drafts/" + draft).then().statusCode(200).extract().jsonPath().getList("changedPaths")).isEmpty();
        put(editor, draft, "other/file.txt", "x").then().statusCode(400);
        editor.withCsrf().delete(API + "/drafts/" + draft + "/files/prompts/no-such-file.txt").then().statusCode(404);
        editor.request().get(API + "/drafts/999999").then().statusCode(404).contentType(startsWith("application/problem+json"));
        editor.withCsrf().post(API + "/drafts/" + draft + "/publish").then().statusCode(409); // changes nothing
        editor.request().get(API + "/releases/999999").then().statusCode(404);
        byte[] zip = editor.request().get(API + "/releases/1/export").then().statusCode(200).contentType("application/zip").extract().asByteArray();
        assertThat(zip.length).isGreaterThan(1000);
        editor.withCsrf().post(API + "/drafts/" + draft + "/discard").then().statusCode(200);
    }

    private long newDraft(ConsoleSession who, String note) {
        return who.post(API + "/drafts", Map.of("note", note)).then().statusCode(201).extract().jsonPath().getLong("draft.id");
    }

    private static Response put(ConsoleSession who, long draft, String path, String text) {
        return who.withCsrf().contentType(ContentType.TEXT).body(text).put(API + "/drafts/" + draft + "/files/" + path);
    }

    private long publishedRelease() {
        return admin.request().get(API + "/releases").then().statusCode(200).extract().jsonPath().getLong("published.release");
    }

    private void rollbackTo(long release) {
        reviewer.withCsrf().post(API + "/releases/" + release + "/rollback").then().statusCode(200);
        awaitServed(release);
    }

    private static void awaitServed(long release) {
        Instant until = Instant.now().plusSeconds(5);
        long served = -1;
        while (Instant.now().isBefore(until)) {
            served = TestClient.say(null, "hello").getLong("contentRelease");
            if (served == release) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(served).as("release served within 5 s of its publish").isEqualTo(release);
    }

    private List<String> audit(String actor) {
        return reviewer.request().queryParam("actor", actor).queryParam("size", 200).get(API + "/audit")
                .then().statusCode(200).extract().jsonPath().getList("entries.action", String.class);
    }
}
