package org.symptomchecker.content;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content from releases, as in production: the files seed release 1, every reply names the release it came from,
 * a published release is served within seconds, and a release this instance cannot load leaves triage as it was.
 */
@QuarkusTest
@TestProfile(ReleasesProfile.class)
class ContentReleaseTest {

    private static final String GREETING = "prompts/reply/greeting.txt";

    @Inject
    ContentStore store;
    @Inject
    ActiveContent content;
    @Inject
    AgroalDataSource db;

    private Long publishedBefore;

    @AfterEach
    void putReleaseOneBack() {
        if (publishedBefore != null) {
            store.publish(publishedBefore, "test");
            waitForRelease(publishedBefore);
        }
    }

    @Test
    void theFilesSeedReleaseOneWhichIsPublishedAndServed() {
        ContentStore.Release first = store.find(1).orElseThrow();
        Map<String, String> files = content.configuredFiles();
        assertThat(store.items(1)).isEqualTo(new TreeMap<>(files));
        assertThat(first.items()).isEqualTo(files.size());
        assertThat(files.keySet()).anyMatch(p -> p.startsWith("prompts/")).anyMatch(p -> p.startsWith("guardrails/"))
                .anyMatch(p -> p.startsWith("corpus/"));
        assertThat(first.contentHash()).matches("[0-9a-f]{64}");
        assertThat(store.published().release()).isNotNull();
        // the folder served is the release, written out file for file
        Path served = content.folders().prompts();
        assertThat(served.toString()).contains("release-" + content.folders().release() + "-");
        assertThat(content.folders().guardrails().resolve("rules.yaml")).exists();
    }

    @Test
    void everyReplyAndItsRecordNameTheReleaseItCameFrom() throws Exception {
        long release = content.folders().release();
        JsonPath reply = TestClient.say(null, "my lower back has ached for a week");
        assertThat(reply.getLong("contentRelease")).isEqualTo(release);
        JsonPath emergency = TestClient.say(null, "crushing chest pain spreading to my left arm");
        assertThat(emergency.getString("triage.level")).isEqualTo("EMERGENCY");
        assertThat(emergency.getLong("contentRelease")).isEqualTo(release);
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from triage_record where content_release = ?")) {
            q.setLong(1, release);
            Instant until = Instant.now().plusSeconds(10);
            long n = 0;
            while (n < 2 && Instant.now().isBefore(until)) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    n = rs.getLong(1);
                }
                Thread.sleep(100);
            }
            assertThat(n).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aPublishedReleaseIsServedWithinSecondsAndAnOlderOneCanBePutBack() {
        publishedBefore = store.published().release();
        Map<String, String> items = new TreeMap<>(store.items(publishedBefore));
        String greeting = "Hello from the content team's new wording. Tell me what is bothering you.";
        items.put(GREETING, greeting);
        ContentStore.Release next = store.create("test-editor", "new greeting", publishedBefore, items);
        assertThat(next.number()).isGreaterThan(publishedBefore);
        assertThat(next.contentHash()).isNotEqualTo(store.find(publishedBefore).orElseThrow().contentHash());
        // written, not yet published: still served the old one
        assertThat(TestClient.say(null, "hello").getString("reply")).doesNotContain("new wording");

        store.publish(next.number(), "test-publisher");
        waitForRelease(next.number());
        JsonPath reply = TestClient.say(null, "hello");
        assertThat(reply.getString("reply")).contains("new wording");
        assertThat(reply.getLong("contentRelease")).isEqualTo(next.number());

        store.publish(publishedBefore, "test-publisher"); // a rollback is a publish of an older release
        waitForRelease(publishedBefore);
        assertThat(TestClient.say(null, "hello").getString("reply")).doesNotContain("new wording");
    }

    @Test
    void aReleaseWhoseRulesCannotBeLoadedLeavesTriageAsItWas() {
        publishedBefore = store.published().release();
        Map<String, String> items = new TreeMap<>(store.items(publishedBefore));
        items.put("guardrails/rules.yaml", "rules: [ this is not : valid yaml");
        items.put(GREETING, "Hello again, from a release with broken rules.");
        ContentStore.Release broken = store.create("test-editor", "broken rules", publishedBefore, items);
        store.publish(broken.number(), "test-publisher");
        waitForRelease(broken.number());
        // the wording of the release is served, the rules in use stay: an emergency is still routed
        assertThat(TestClient.say(null, "hello").getString("reply")).contains("broken rules");
        JsonPath emergency = TestClient.say(null, "my face has dropped on one side and my speech is slurred");
        assertThat(emergency.getString("triage.level")).isEqualTo("EMERGENCY");
    }

    @Test
    void theFileReloadIsRefusedWhenContentComesFromReleases() {
        given().header("X-Admin-Token", "test-admin-token").post("/api/v1/admin/guardrails/reload")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void itemPathsStayUnderTheContentRoots() {
        for (String bad : new String[] {"../etc/passwd", "/guardrails/rules.yaml", "guardrails/../x", "other/x.txt", "guardrails",
                "guardrails//x", "prompts\\x"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContentFiles.safe(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ContentFiles.safe("guardrails/responses/stroke.txt")).isEqualTo("guardrails/responses/stroke.txt");
    }

    private void waitForRelease(long release) {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (!Long.valueOf(release).equals(content.folders().release()) && Instant.now().isBefore(until)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(content.folders().release()).as("release served within 10 s").isEqualTo(release);
    }
}
