package org.symptomchecker.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A JSON Lines file is read a line at a time: records are handed on long before the file's end is read. */
class StreamedReadingTest {

    private static String record(int n) {
        return "{\"id\":\"r-" + n + "\",\"title\":\"Record " + n + "\",\"text\":\"Line " + n
                + " of a long file, padded so that the file is many times larger than the reader's buffer.\",\"status\":\"approved\"}";
    }

    /** Counts the characters the parser has taken from the file so far. */
    private static final class CountingReader extends FilterReader {
        long taken;

        CountingReader(Reader in) {
            super(in);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            taken += Math.max(0, n);
            return n;
        }
    }

    @Test
    void eachRecordIsHandedOnBeforeMoreThanABufferBeyondItIsRead() throws IOException {
        StringBuilder file = new StringBuilder();
        List<Long> lineEnds = new ArrayList<>();
        for (int n = 1; n <= 400; n++) {
            file.append(n == 7 ? "{\"id\": broken" : record(n)).append('\n');
            lineEnds.add((long) file.length());
        }
        CountingReader source = new CountingReader(new StringReader(file.toString()));
        List<Long> takenAtDocument = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();

        new JsonLinesDocumentParser().read("big.jsonl", CorpusFileReader.over(source), d -> {
            takenAtDocument.add(source.taken);
            lines.add(d.line());
        }, rejections::add);

        assertThat(file.length()).as("the file is many buffers long").isGreaterThan(4 * 8192);
        assertThat(lines).hasSize(399).startsWith(1, 2, 3, 4, 5, 6, 8).endsWith(400);
        assertThat(rejections).containsExactly(new Rejection("big.jsonl", 7, "not valid JSON"));
        for (int i = 0; i < lines.size(); i++) {
            long endOfItsLine = lineEnds.get(lines.get(i) - 1);
            assertThat(takenAtDocument.get(i)).as("characters read when line " + lines.get(i) + " was handed on")
                    .isLessThanOrEqualTo(endOfItsLine + 8192);
        }
    }

    @Test
    void aScanCountsTheRecordsAndHashesTheBytesAsTheyAre(@TempDir Path dir) throws IOException {
        String text = "\uFEFF" + record(1) + "\r\n\n   \n" + record(2) + "\n" + record(3);
        Path file = Files.writeString(dir.resolve("a.jsonl"), text);

        CorpusFileReader.Scan scan = CorpusFileReader.scan(file);

        assertThat(scan.records()).isEqualTo(3);
        assertThat(scan.sha256()).isEqualTo(Hashes.sha256(text.getBytes(StandardCharsets.UTF_8)));
        try (CorpusFileReader reader = CorpusFileReader.open(file)) {
            assertThat(reader.nextLine()).as("the byte-order mark is dropped").isEqualTo(record(1) + "\r");
            assertThat(reader.nextLine()).isEmpty();
            assertThat(reader.nextLine()).isEqualTo("   ");
            assertThat(reader.nextLine()).isEqualTo(record(2));
            assertThat(reader.nextLine()).isEqualTo(record(3));
            assertThat(reader.lineNumber()).isEqualTo(5);
            assertThat(reader.nextLine()).isNull();
        }
    }

    @Test
    void bytesThatAreNotUtf8AreFoundByTheScan(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.jsonl");
        Files.write(file, (record(1) + "\n{\"id\":\"r-2\",\"title\":\"Caf\u00e9\"}\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> CorpusFileReader.scan(file)).isInstanceOf(CharacterCodingException.class);
    }
}
