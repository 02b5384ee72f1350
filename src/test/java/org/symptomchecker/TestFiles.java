package org.symptomchecker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** Files the tests write where the running test application imports from. */
public final class TestFiles {

    private static final java.util.concurrent.atomic.AtomicLong WRITES = new java.util.concurrent.atomic.AtomicLong();
    public static final String ADMIN_TOKEN = "test-admin-token";

    private TestFiles() {
    }

    /** This Maven run's data folder (fresh per run; shared by the application restarts within it). */
    public static Path dataDir() {
        return Path.of(System.getProperty("symptom.data-dir", "target/test-data/adhoc"));
    }

    /** The folder configured as an extra corpus path in the test profile. */
    public static Path extraCorpus() {
        Path dir = dataDir().resolve("extra-corpus");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            // every write gets a later mtime, so a rewrite of the same size is never mistaken for no change
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(WRITES.incrementAndGet())));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the MedQuAD data set is, if this machine has it. */
    public static Path medquad() {
        return Path.of(System.getProperty("test.medquad-dir", "../shared/data/medquad"));
    }
}
