package org.symptomchecker.corpus;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.symptomchecker.TestFiles;
import org.symptomchecker.embedding.PassageEmbedder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;

/**
 * A JSON Lines file of a few hundred records is imported as a stream, in batches of symptom.corpus.import-batch-size
 * (20 in the test profile): each batch is committed before the next is embedded, readiness shows how far into the
 * file the import is, an import that stops mid-file keeps its committed batches, and the next one finishes the file
 * without embedding them again and only then retires what the file no longer holds.
 */
@QuarkusTest
class StreamedImportTest {

    private static final Path DIR = TestFiles.extraCorpus().resolve("streamed-import-test");
    /** In every title of this test's records, so that their embedding inputs are told from any other file's. */
    private static final Pattern OURS = Pattern.compile("Streamed record (st-[a-z]+-\\d+)\\n");

    @InjectSpy
    PassageEmbedder embedder;
    @Inject
    CorpusStore store;
    @Inject
    CorpusImporter importer;
    @ConfigProperty(name = "symptom.corpus.import-batch-size")
    int batchSize;

    /** One embedding call that held records of this test: what it held and what stood when it began. */
    record Call(List<String> ids, Set<String> committedBefore, ImportProgress.InFile progress, JsonPath readiness) {
    }

    private final List<Call> calls = new ArrayList<>();
    private volatile List<String> watched = List.of();
    /** When an embedding call should fail as a crash would stop the import there; null: never. */
    private volatile Predicate<Call> failWhen;

    @BeforeEach
    void watchTheEmbedder() throws InterruptedException {
        // the start-up safety gate embeds on other threads until readiness is UP; a spy is not stubbed while in use
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Mockito.doAnswer(invocation -> {
            List<String> texts = invocation.getArgument(0);
            List<String> ids = texts.stream().map(OURS::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
            if (!ids.isEmpty()) {
                Set<String> committed = store.existing(watched).keySet();
                JsonPath readiness = calls.size() == 2 ? given().get("/q/health/ready").then().extract().jsonPath() : null;
                Call call = new Call(ids, Set.copyOf(committed), importer.progress().file(), readiness);
                calls.add(call);
                Predicate<Call> fail = failWhen;
                if (fail != null && fail.test(call)) {
                    throw new IllegalStateException("simulated crash while embedding batch " + calls.size());
                }
            }
            return invocation.callRealMethod();
        }).when(embedder).embedPassages(anyList());
    }

    @AfterEach
    void removeTheFilesAndRetireTheirDocuments() throws IOException {
        failWhen = null;
        if (Files.exists(DIR)) {
            try (Stream<Path> files = Files.walk(DIR)) {
                files.sorted(Comparator.reverseOrder()).forEach(TestFiles::delete);
            }
        }
        CorpusImportTest.importNow();
    }

    private static String record(String id, String text) {
        return "{\"id\":\"" + id + "\",\"title\":\"Streamed record " + id + "\",\"text\":\"" + text + "\",\"status\":\"approved\"}";
    }

    private static List<String> ids(String group, int from, int to) {
        return IntStream.range(from, to).mapToObj(n -> String.format("st-%s-%03d", group, n)).toList();
    }

    private static String text(String id, int version) {
        return "Record " + id + " in version " + version + " says a cold compress may ease a sprain within the first day.";
    }

    private static Path write(String name, List<String> lines) {
        return TestFiles.write(DIR.resolve(name), String.join("\n", lines) + "\n");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> embedded(List<Call> calls) {
        return calls.stream().flatMap(c -> c.ids().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aLargeFileIsCommittedBatchByBatchAsItIsRead() {
        int records = batchSize * 12 + 7;
        List<String> ids = ids("big", 0, records);
        watched = ids;
        Path file = write("big.jsonl", ids.stream().map(id -> record(id, text(id, 1))).toList());

        JsonPath report = CorpusImportTest.importNow();

        assertThat(report.getList("rejections.file", String.class)).noneMatch(f -> f.endsWith("big.jsonl"));
        assertThat(store.existing(ids)).hasSize(records);
        assertThat(embedded(calls)).as("each record embedded once").hasSize(records);
        assertThat(calls.stream().mapToInt(c -> c.ids().size()).sum()).isEqualTo(records);
        assertThat(calls).as("several batches").hasSizeGreaterThanOrEqualTo(12);
        Set<String> before = new HashSet<>();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            assertThat(call.ids().size()).as("batch %d holds at most a batch", i + 1).isLessThanOrEqualTo(batchSize);
            assertThat(call.committedBefore()).as("every earlier batch is committed when batch %d is embedded", i + 1)
                    .isEqualTo(before);
            assertThat(call.progress()).as("batch %d is shown as progress within the file", i + 1).isNotNull();
            assertThat(call.progress().name()).isEqualTo(file.toString());
            assertThat(call.progress().total()).as("the file's records were counted first").isEqualTo(records);
            assertThat(call.progress().done()).as("records done within the file before batch %d", i + 1).isEqualTo(before.size());
            before.addAll(call.ids());
        }
        Map<String, Object> corpus = calls.get(2).readiness().getMap("checks.find { it.name == 'corpus' }.data");
        assertThat(corpus.get("importFileDocuments")).isEqualTo(calls.get(2).progress().done() + " of " + records);
        assertThat(calls.get(2).progress().done()).isPositive().isLessThan(records);
        assertThat(corpus.get("importFileSecondsLeft").toString()).matches("\\d+");
        assertThat(corpus.get("importFileDocumentsPerSecond").toString()).matches("\\d+\\.\\d\\d");
        assertThat(store.manifestUnder(file.toString())).containsKey(file.toString());
    }

    @Test
    void anImportThatStopsMidFileKeepsItsBatchesAndTheNextFinishesWithoutEmbeddingThemAgain() {
        List<String> first = ids("crash", 0, 10);
        List<String> all = ids("crash", 0, batchSize * 10 + 5);
        String last = all.get(all.size() - 1);
        watched = all;
        // version 1: ten records and one that version 2 no longer holds
        List<String> v1 = new ArrayList<>(first.stream().map(id -> record(id, text(id, 1))).toList());
        v1.add(record("st-crash-old", "A record that the next version of the file drops."));
        Path file = write("records.jsonl", v1);
        CorpusImportTest.importNow();
        long v1Size = size(file);
        assertThat(store.liveIdsFromOrigin(file.toString())).contains("st-crash-old");

        // version 2: the same ten unchanged, a bad line, and many new records
        List<String> v2 = new ArrayList<>(first.stream().map(id -> record(id, text(id, 1))).toList());
        v2.add(4, "{\"id\": not json");
        all.subList(first.size(), all.size()).forEach(id -> v2.add(record(id, text(id, 2))));
        write("records.jsonl", v2);

        // the import stops while the third batch to embed is embedded, in the middle of the file
        calls.clear();
        failWhen = call -> calls.size() == 3;
        importStops();
        assertThat(calls).hasSize(3);
        Set<String> committed = new TreeSet<>(first);
        committed.addAll(calls.get(0).ids());
        committed.addAll(calls.get(1).ids());
        assertThat(committed).hasSizeGreaterThan(first.size() + batchSize); // two batches of new records, at least
        assertThat(store.existing(all).keySet()).as("the batches committed before the stop stay").isEqualTo(committed);
        assertFileNotSettled(file, v1Size);

        // the next import stops at the file's last batch, after the file was read to its end: still not settled
        calls.clear();
        failWhen = call -> call.ids().contains(last);
        importStops();
        assertThat(embedded(calls)).as("what was committed is not embedded again").doesNotContainAnyElementsOf(committed);
        Set<String> lastBatch = new TreeSet<>(calls.get(calls.size() - 1).ids());
        Set<String> before = new TreeSet<>(all);
        before.removeAll(lastBatch);
        assertThat(store.existing(all).keySet()).isEqualTo(before);
        assertFileNotSettled(file, v1Size);

        // the third import finishes the file: only its last batch is embedded, and only now is the dropped record retired
        calls.clear();
        failWhen = null;
        JsonPath report = CorpusImportTest.importNow();

        assertThat(embedded(calls)).as("only what was not committed is embedded").isEqualTo(lastBatch);
        assertThat(store.existing(all)).hasSize(all.size());
        assertThat(store.liveIdsFromOrigin(file.toString())).doesNotContain("st-crash-old").hasSize(all.size());
        assertThat(report.getInt("retired")).isGreaterThanOrEqualTo(1);
        List<Map<String, Object>> rejections = report.getList("rejections");
        assertThat(rejections).anyMatch(r -> r.get("file").equals(file.toString())
                && ((Number) r.get("line")).intValue() == 5 && r.get("reason").equals("not valid JSON"));
        assertThat(store.manifestUnder(file.toString()).get(file.toString()).sizeBytes).isEqualTo(size(file));
    }

    private static void importStops() {
        given().header("X-Admin-Token", TestFiles.ADMIN_TOKEN).post("/api/v1/admin/corpus/import").then().statusCode(500);
    }

    /** A file whose import stopped retires nothing and is not recorded as imported, so the next import reads it again. */
    private void assertFileNotSettled(Path file, long sizeBefore) {
        assertThat(store.liveIdsFromOrigin(file.toString())).as("an interrupted file retires nothing").contains("st-crash-old");
        assertThat(store.manifestUnder(file.toString()).get(file.toString()).sizeBytes)
                .as("an interrupted file is not recorded as imported").isEqualTo(sizeBefore);
    }
}
