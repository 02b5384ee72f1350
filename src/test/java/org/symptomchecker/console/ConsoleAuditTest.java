package org.symptomchecker.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.symptomchecker.console.audit.AuditLog;
import org.symptomchecker.console.audit.AuditRecord;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The audit log: its hash chain holds, shows an edited row, pages and exports, and takes concurrent appends. */
@QuarkusTest
class ConsoleAuditTest {

    private static final String AUDIT = "/api/v1/admin/content/audit";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AuditLog audit;

    @Inject
    DataSource dataSource;

    @Test
    void theChainVerifiesAfterEntriesFromCodeAndFromLogins() {
        audit.record("someone", "draft.changed", "doc-1", "{\"title\":\"a\"}", "{\"title\":\"b\"}");
        audit.record("someone", "release.published", "release-7", null, "{\"release\":7}");
        ConsoleSession reviewer = reviewer();
        reviewer.request().get(AUDIT + "/verify").then().statusCode(200)
                .body("intact", equalTo(true)).body("firstBrokenSequence", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anEditedRowBreaksTheChainAtItsSequence() throws Exception {
        ConsoleSession reviewer = reviewer();
        reviewer.request().get(AUDIT + "/verify").then().statusCode(200).body("intact", equalTo(true));
        AuditRecord entry = audit.record("someone", "release.approved", "release-9", null, "{\"approved\":true}");
        audit.record("someone", "release.rolled-back", "release-9", "{\"approved\":true}", null);
        try {
            setTarget(entry.sequence(), "release-10");
            reviewer.request().get(AUDIT + "/verify").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenSequence", equalTo((int) entry.sequence()));
        } finally {
            // put the row back, so the chain holds for every other test
            setTarget(entry.sequence(), entry.target());
        }
        reviewer.request().get(AUDIT + "/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void theExportIsJsonLinesOneEntryPerLine() throws Exception {
        String marker = ConsoleSession.uniqueName("export");
        for (int i = 0; i < 3; i++) {
            audit.record(marker, "draft.changed", "doc-" + i, null, "{\"n\":" + i + "}");
        }
        Response r = reviewer().request().queryParam("actor", marker).get(AUDIT + "/export");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/x-ndjson");
        String[] lines = r.asString().split("\n");
        assertThat(lines).hasSize(3);
        long previous = 0;
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            assertThat(e.get("actor").asText()).isEqualTo(marker);
            assertThat(e.get("hash").asText()).hasSize(64);
            assertThat(e.get("sequence").asLong()).isGreaterThan(previous);
            previous = e.get("sequence").asLong();
        }
    }

    @Test
    void theListIsPagedNewestFirstAndFiltered() {
        String marker = ConsoleSession.uniqueName("paged");
        for (int i = 0; i < 5; i++) {
            audit.record(marker, "draft.changed", "doc-" + i, null, null);
        }
        ConsoleSession reviewer = reviewer();
        reviewer.request().queryParam("actor", marker).queryParam("size", 2).queryParam("page", 0).get(AUDIT).then()
                .statusCode(200).body("total", equalTo(5)).body("entries.size()", equalTo(2))
                .body("entries[0].target", equalTo("doc-4"));
        reviewer.request().queryParam("actor", marker).queryParam("from", "2000-01-01T00:00:00Z")
                .queryParam("to", "2001-01-01T00:00:00Z").get(AUDIT).then().statusCode(200).body("total", equalTo(0));
        reviewer.request().queryParam("from", "yesterday").get(AUDIT).then()
                .statusCode(400).contentType(startsWith("application/problem+json"));
        reviewer.request().queryParam("size", 100000).get(AUDIT).then().statusCode(400);
    }

    @Test
    void concurrentAppendsKeepOneUnbrokenChain() throws Exception {
        String marker = ConsoleSession.uniqueName("busy");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<AuditRecord>> done = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                done.add(pool.submit(() -> audit.record(marker, "draft.changed", "doc-" + n, null, null)));
            }
            List<Long> sequences = new ArrayList<>();
            for (Future<AuditRecord> f : done) {
                sequences.add(f.get(60, TimeUnit.SECONDS).sequence());
            }
            assertThat(sequences).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void anActionNotOfTheDottedFormIsRefused() {
        assertThatThrownBy(() -> audit.record("someone", "Release Published!", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> audit.record(" ", "login", null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEditorMayNotReadTheAuditLog() {
        ConsoleSession admin = ConsoleSession.admin();
        String name = ConsoleSession.uniqueName("ed");
        ConsoleSession editor = ConsoleSession.login(name, admin.createUser(name, "editor"));
        editor.request().get(AUDIT + "/verify").then().statusCode(403);
        editor.request().get(AUDIT + "/export").then().statusCode(403);
    }

    private static ConsoleSession reviewer() {
        ConsoleSession admin = ConsoleSession.admin();
        String name = ConsoleSession.uniqueName("rev");
        return ConsoleSession.login(name, admin.createUser(name, "reviewer"));
    }

    private void setTarget(long seq, String target) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("update console_audit set target = ? where seq = ?")) {
            update.setString(1, target);
            update.setLong(2, seq);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
