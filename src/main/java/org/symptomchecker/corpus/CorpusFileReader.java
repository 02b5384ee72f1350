package org.symptomchecker.corpus;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * An import file read as strict UTF-8 text, a leading byte-order mark dropped, one line at a time (or the rest
 * whole), while the SHA-256 of its bytes is computed. Only the line being read is held, never the file.
 * Bytes that are not UTF-8 raise {@link java.nio.charset.CharacterCodingException} where they are met.
 */
final class CorpusFileReader implements Closeable {

    /** What one pass over a file found: the hash of its bytes and its non-blank lines (a JSON Lines file's records). */
    record Scan(String sha256, long records) {
    }

    private final Reader text;
    private final MessageDigest digest;
    private final char[] buffer = new char[8192];
    private int next;
    private int filled;
    private boolean started;
    private boolean ended;
    private int lineNumber;

    private CorpusFileReader(Reader text, MessageDigest digest) {
        this.text = text;
        this.digest = digest;
    }

    static CorpusFileReader open(Path file) throws IOException {
        MessageDigest digest = Hashes.newSha256();
        InputStream bytes = new DigestInputStream(Files.newInputStream(file), digest);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new CorpusFileReader(new InputStreamReader(bytes, decoder), digest);
    }

    /** Text already in memory; its hash is of its UTF-8 bytes. */
    static CorpusFileReader of(String content) {
        CorpusFileReader reader = over(new StringReader(content));
        reader.digest.update(content.getBytes(StandardCharsets.UTF_8));
        return reader;
    }

    /** Text from any reader (tests watch what is taken from it); nothing goes into the hash. */
    static CorpusFileReader over(Reader text) {
        return new CorpusFileReader(text, Hashes.newSha256());
    }

    /** Reads the file once to its end: its hash and how many non-blank lines it holds. */
    static Scan scan(Path file) throws IOException {
        try (CorpusFileReader reader = open(file)) {
            long records = 0;
            for (String line = reader.nextLine(); line != null; line = reader.nextLine()) {
                if (!line.isBlank()) {
                    records++;
                }
            }
            return new Scan(reader.sha256(), records);
        }
    }

    /** The next line without its '\n' (a '\r' before it stays; callers strip), or null at the end of the file. */
    String nextLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (next == filled && !fill()) {
                if (line == null || line.isEmpty()) {
                    return null;
                }
                lineNumber++;
                return line.toString();
            }
            int from = next;
            while (next < filled && buffer[next] != '\n') {
                next++;
            }
            if (line == null) {
                line = new StringBuilder(next - from + 16);
            }
            line.append(buffer, from, next - from);
            if (next < filled) {
                next++; // the '\n'
                lineNumber++;
                return line.toString();
            }
        }
    }

    /** Lines returned so far: the number of the last one. */
    int lineNumber() {
        return lineNumber;
    }

    /** The rest of the text, whole (for the formats that hold one document or a handful in a small file). */
    String readAll() throws IOException {
        StringBuilder all = new StringBuilder();
        while (next < filled || fill()) {
            all.append(buffer, next, filled - next);
            next = filled;
        }
        return all.toString();
    }

    /** SHA-256 of the bytes read; the whole file's once the end was reached. */
    String sha256() {
        return Hashes.hex(digest.digest());
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int n = text.read(buffer);
        if (n < 0) {
            ended = true;
            return false;
        }
        next = 0;
        filled = n;
        if (!started && n > 0) {
            started = true;
            if (buffer[0] == '\uFEFF') {
                next = 1;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
