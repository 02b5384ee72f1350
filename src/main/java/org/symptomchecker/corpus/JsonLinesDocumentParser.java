package org.symptomchecker.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads JSON Lines: one {"id","title","text","url","source","status"} per line; no status means draft. */
final class JsonLinesDocumentParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    ParseResult parse(String file, String content) {
        List<ParsedDocument> docs = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (Exception e) {
                rejections.add(new Rejection(file, lineNo, "not valid JSON"));
                continue;
            }
            if (node == null || !node.isObject()) {
                rejections.add(new Rejection(file, lineNo, "not a JSON object"));
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
                rejections.add(new Rejection(file, lineNo, String.join("; ", problems)));
                continue;
            }
            docs.add(new ParsedDocument(id, title, body, text(node, "url"), text(node, "source"), status,
                    null, null, List.of(), lineNo));
        }
        return new ParseResult(docs, rejections, true);
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
