package org.symptomchecker.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads JSON Lines: one {"id","title","text","url","source","status"} per line; no status means draft. A file is
 * read as a stream, a record at a time.
 */
final class JsonLinesDocumentParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The whole content at once (tests, small inputs). */
    ParseResult parse(String file, String content) {
        List<ParsedDocument> docs = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        try (CorpusFileReader lines = CorpusFileReader.of(content)) {
            read(file, lines, docs::add, rejections::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // text in memory cannot fail to read
        }
        return new ParseResult(docs, rejections, true);
    }

    /**
     * Reads the records one line at a time and hands each document, or the refusal of its line, on before the
     * next line is read: only one line is held (and the ids seen, to refuse an id given twice).
     */
    void read(String file, CorpusFileReader lines, Consumer<ParsedDocument> documents, Consumer<Rejection> rejections)
            throws IOException {
        Set<String> seen = new HashSet<>();
        for (String raw = lines.nextLine(); raw != null; raw = lines.nextLine()) {
            int lineNo = lines.lineNumber();
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (Exception e) {
                rejections.accept(new Rejection(file, lineNo, "not valid JSON"));
                continue;
            }
            if (node == null || !node.isObject()) {
                rejections.accept(new Rejection(file, lineNo, "not a JSON object"));
                continue;
            }
            String id = text(node, "id");
            String title = text(node, "title");
            String body = text(node, "text");
            String statusText = text(node, "status");
            List<String> problems = new ArrayList<>();
            if (id == null) {
                problems.add("no id");
            } else if (!DocumentIds.isValid(id)) {
                problems.add("id may only hold letters, digits, '.', '_' and '-' (at most 300)");
            } else if (!seen.add(id)) {
                problems.add("id '" + id + "' appears twice in this file");
            }
            if (title == null) {
                problems.add("no title");
            }
            if (body == null) {
                problems.add("no text");
            }
            DocumentStatus status = DocumentStatus.DRAFT;
            if (statusText != null) {
                status = DocumentStatus.parse(statusText).orElse(null);
                if (status == null) {
                    problems.add("status '" + statusText + "' is not approved, draft or retired");
                }
            }
            if (!problems.isEmpty()) {
                rejections.accept(new Rejection(file, lineNo, String.join("; ", problems)));
                continue;
            }
            documents.accept(new ParsedDocument(id, title, body, text(node, "url"), text(node, "source"), status,
                    null, null, List.of(), lineNo));
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || !value.isValueNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
