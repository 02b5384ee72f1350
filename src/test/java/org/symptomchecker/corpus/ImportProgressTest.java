package org.symptomchecker.corpus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What readiness and the log say about an import's progress, within a file and in all. */
class ImportProgressTest {

    private static final long T0 = 1_000_000L;

    @Test
    void aFileWhoseRecordsAreNotCountedYetSaysSoAndGivesNoEstimate() {
        ImportProgress.InFile file = new ImportProgress.InFile("big.jsonl", 400, ImportProgress.UNKNOWN, T0, 0);
        ImportProgress all = new ImportProgress(true, 0, 1, 400, 400, T0, file);

        assertThat(file.describe()).isEqualTo("400 of unknown");
        assertThat(file.perSecond(T0 + 10_000)).isEqualTo(40.0);
        assertThat(ImportProgress.seconds(file.secondsLeft(T0 + 10_000))).isEqualTo("unknown");
        assertThat(ImportProgress.seconds(all.secondsLeft(T0 + 10_000))).isEqualTo("unknown");
    }

    @Test
    void oneLargeFileIsEstimatedFromItsOwnRecords() {
        ImportProgress.InFile file = new ImportProgress.InFile("big.jsonl", 1_200, 18_000, T0, 0);
        ImportProgress all = new ImportProgress(true, 0, 1, 1_200, 1_500, T0, file);

        assertThat(file.describe()).isEqualTo("1200 of 18000");
        assertThat(file.secondsLeft(T0 + 100_000)).isEqualTo(1_400); // 12 records a second, 16,800 to go
        assertThat(all.secondsLeft(T0 + 100_000)).as("no file after it: the file's estimate is the whole").isEqualTo(1_400);
        assertThat(file.secondsLeft(T0)).as("no rate before any time has passed").isEqualTo(ImportProgress.UNKNOWN);
    }

    @Test
    void theRateIsTheRecentOneSoAQuickPassOverCommittedRecordsDoesNotMakeTheRestLookQuick() {
        // a restart went over 4,500 committed records in 30 s; in the last minute 600 more were embedded
        ImportProgress.InFile file = new ImportProgress.InFile("big.jsonl", 5_100, 18_000, T0 + 30_000, 4_500);

        assertThat(file.perSecond(T0 + 90_000)).isEqualTo(10.0);
        assertThat(file.secondsLeft(T0 + 90_000)).isEqualTo(1_290);
    }

    @Test
    void filesAfterTheOneBeingReadAreAddedAtTheRateOfFilesSoFar() {
        ImportProgress.InFile file = new ImportProgress.InFile("c.jsonl", 50, 100, T0 + 10_000, 0);
        ImportProgress all = new ImportProgress(true, 10, 31, 500, 600, T0, file);

        // 10 files in 20 s: 0.5 a second; the file being read: 50 records in 10 s, 50 to go = 10 s; 20 files after it = 40 s
        assertThat(all.secondsLeft(T0 + 20_000)).isEqualTo(50);
        assertThat(new ImportProgress(false, 31, 31, 500, 600, T0, null).secondsLeft(T0 + 20_000)).isEqualTo(ImportProgress.UNKNOWN);
    }
}
