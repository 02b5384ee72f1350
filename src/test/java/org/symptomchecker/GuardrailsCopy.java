package org.symptomchecker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The test application triages with a copy of the project's guardrails folder, so tests can edit rule
 * files (to test reloads) without touching the real ones.
 */
@io.quarkus.test.common.QuarkusTestResource(value = GuardrailsCopy.class, restrictToAnnotatedClass = false)
public class GuardrailsCopy implements QuarkusTestResourceLifecycleManager {

    private static volatile Path current;

    /** The folder the running test application reads its rules from. */
    public static Path dir() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        Path target = TestFiles.dataDir().resolve("guardrails-" + System.nanoTime());
        copy(Path.of("guardrails"), target);
        current = target;
        return Map.of("symptom.triage.dir", target.toString());
    }

    @Override
    public void stop() {
        // the copy stays in target/ for a look after a failure
    }

    public static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
