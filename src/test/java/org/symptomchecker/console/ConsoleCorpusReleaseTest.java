package org.symptomchecker.console;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.symptomchecker.content.ReleasesProfile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Corpus documents are content like the rest: a document added in a draft is imported when its release is published
 * (known by a name that is the same on every instance, not this machine's folder), found by search, and retired again
 * when an older release is rolled back to; a document that does not read refuses the publish.
 */
@QuarkusTest
@TestProfile(ReleasesProfile.class)
class ConsoleCorpusReleaseTest {

    private static final String API = "/api/v1/admin/content";
    private static final String DOC = "corpus/console-test-trochanteric-bursitis.md";
    private static final String ID = "console-test-trochanteric-bursitis";

    @Inject
    EntityManager em;

    @Test
    void aDocumentPublishedInAReleaseIsImportedAndRetiredByARollback() {
        ConsoleSession admin = ConsoleSession.admin();
        ConsoleSession editor = admin.newUser("editor");
        ConsoleSession reviewer = admin.newUser("reviewer");
        long before = admin.request().get(API + "/releases").then().statusCode(200).extract().jsonPath().getLong("published.release");

        long broken = newDraft(editor, "a document without its header");
        put(editor, broken, "corpus/console-test-broken.md", "Just text, no front matter.\n").then().statusCode(200);
        Response refused = editor.withCsrf().post(API + "/drafts/" + broken + "/publish");
        refused.then().statusCode(422);
        assertThat(refused.jsonPath().getList("refusals", String.class)).anyMatch(x -> x.startsWith("corpus/console-test-broken.md"));
        editor.withCsrf().post(API + "/drafts/" + broken + "/discard").then().statusCode(200);

        long draft = newDraft(editor, "a new corpus document");
        put(editor, draft, DOC, """
                ---
                id: console-test-trochanteric-bursitis
                title: Trochanteric bursitis (console test)
                source: "ConsoleCorpusReleaseTest fixture"
                url: ""
                status: approved
                topics: [trochanteric bursitis, outer hip pain]
                ---

                ## What it is

                Trochanteric bursitis is irritation of the small fluid sac over the bony point on the outside of the hip. \
                It causes tenderness when lying on that side.
                """).then().statusCode(200);
        long release = editor.withCsrf().post(API + "/drafts/" + draft + "/publish").then().statusCode(200).extract().jsonPath().getLong("release");

        awaitSearch("trochanteric bursitis tenderness", true);
        assertThat(origin()).isEqualTo("release:corpus/console-test-trochanteric-bursitis.md");
        assertThat(status()).isEqualToIgnoringCase("approved");

        reviewer.withCsrf().post(API + "/releases/" + before + "/rollback").then().statusCode(200);
        awaitSearch("trochanteric bursitis tenderness", false);
        assertThat(status()).isEqualToIgnoringCase("retired");
        assertThat(release).isGreaterThan(before);
    }

    private void awaitSearch(String q, boolean found) {
        Instant until = Instant.now().plusSeconds(60);
        List<String> ids = List.of();
        while (Instant.now().isBefore(until)) {
            ids = given().queryParam("q", q).get("/api/v1/search").then().statusCode(200).extract().jsonPath()
                    .getList("results.documentId", String.class);
            if (ids.contains(ID) == found) {
                return;
            }
            sleep();
        }
        assertThat(ids).as("search results for '" + q + "'").matches(l -> l.contains(ID) == found);
    }

    private String origin() {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("select origin from document where id = ?1")
                .setParameter(1, ID).getSingleResult());
    }

    private String status() {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("select status from document where id = ?1")
                .setParameter(1, ID).getSingleResult());
    }

    private static long newDraft(ConsoleSession who, String note) {
        return who.post(API + "/drafts", Map.of("note", note)).then().statusCode(201).extract().jsonPath().getLong("draft.id");
    }

    private static Response put(ConsoleSession who, long draft, String path, String text) {
        return who.withCsrf().contentType(ContentType.TEXT).body(text).put(API + "/drafts/" + draft + "/files/" + path);
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
