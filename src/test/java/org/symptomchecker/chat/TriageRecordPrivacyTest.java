package org.symptomchecker.chat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.symptomchecker.TestClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Triage records keep the hour, not the moment, of a turn, and the purge job deletes them after the retention period. */
@QuarkusTest
class TriageRecordPrivacyTest {

    @Inject
    EntityManager em;
    @Inject
    ConversationPurge purge;

    @Test
    void recordTimesAreRoundedDownToTheHour() throws InterruptedException {
        Instant before = Instant.now();
        TestClient.say(null, "my dad has crushing chest pain");
        List<TriageRecord> records = List.of();
        // an emergency's fixed reply is sent before its record is written: wait for the record
        for (long end = System.currentTimeMillis() + 15_000; System.currentTimeMillis() < end
                && records.stream().noneMatch(r -> "EMERGENCY".equals(r.level)); Thread.sleep(100)) {
            records = QuarkusTransaction.requiringNew().call(() ->
                    TriageRecord.<TriageRecord>list("recordedAt >= ?1", before.truncatedTo(ChronoUnit.HOURS)));
        }

        assertThat(records).isNotEmpty().allSatisfy(r -> {
            assertThat(r.recordedAt.getEpochSecond() % 3600).isZero();
            assertThat(r.recordedAt).isBeforeOrEqualTo(Instant.now()).isAfter(before.minus(1, ChronoUnit.HOURS));
        });
        assertThat(records).anySatisfy(r -> assertThat(r.level).isEqualTo("EMERGENCY"));
    }

    String record(Instant at) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            TriageRecord r = new TriageRecord();
            r.id = id;
            r.recordedAt = at;
            r.level = "ROUTINE";
            r.channel = "web";
            r.persist();
        });
        return id;
    }

    boolean exists(String id) {
        return QuarkusTransaction.requiringNew().call(() -> TriageRecord.findById(id) != null);
    }

    @Test
    void thePurgeJobDeletesRecordsOlderThanTheRetentionPeriod() {
        String old = record(Instant.now().minus(401, ChronoUnit.DAYS));
        String recent = record(Instant.now().minus(399, ChronoUnit.DAYS));

        purge.purge();

        assertThat(exists(old)).isFalse();
        assertThat(exists(recent)).isTrue();
    }
}
