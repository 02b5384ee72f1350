package org.symptomchecker.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.util.ArrayList;
import java.util.List;

/** Reads one Markdown file with YAML front matter (id, title, source, status, reviewed-by, reviewed-on, topics). */
final class MarkdownDocumentParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    ParseResult parse(String file, String content) {
        String text = content.replace("\r\n", "\n");
        if (!text.startsWith("---\n")) {
            return ParseResult.unreadable(new Rejection(file, 1, "no front matter: the file must start with a '---' line"));
        }
        int end = text.indexOf("\n---", 3);
        if (end < 0) {
            return ParseResult.unreadable(new Rejection(file, 1, "front matter is not closed by a '---' line"));
        }
        JsonNode meta;
        try {
            meta = YAML.readTree(text.substring(4, end + 1));
        } catch (Exception e) {
            return ParseResult.unreadable(new Rejection(file, 2, "front matter is not valid YAML"));
        }
        if (meta == null || !meta.isObject()) {
            return ParseResult.unreadable(new Rejection(file, 2, "front matter is not a set of key: value lines"));
        }
        int bodyStart = text.indexOf('\n', end + 1);
        String body = bodyStart < 0 ? "" : text.substring(bodyStart + 1).strip();
        String id = field(meta, "id");
        String title = field(meta, "title");
        String statusText = field(meta, "status");
        List<String> problems = new ArrayList<>();
        if (id == null) {
            problems.add("front matter has no id");
        } else if (!DocumentIds.isValid(id)) {
            problems.add("id '" + id + "' may only hold letters, digits, '.', '_' and '-' (at most 300)");
        }
        if (title == null) {
            problems.add("front matter has no title");
        }
        if (statusText == null) {
            problems.add("front matter has no status (approved, draft or retired)");
        } else if (DocumentStatus.parse(statusText).isEmpty()) {
            problems.add("status '" + statusText + "' is not approved, draft or retired");
        }
        if (body.isEmpty()) {
            problems.add("the document has no text");
        }
        if (!problems.isEmpty()) {
            return new ParseResult(List.of(), List.of(new Rejection(file, 1, String.join("; ", problems))), true);
        }
        List<String> topics = new ArrayList<>();
        JsonNode topicNode = meta.get("topics");
        if (topicNode != null && topicNode.isArray()) {
            topicNode.forEach(t -> topics.add(t.asText()));
        } else if (topicNode != null && topicNode.isTextual()) {
            for (String t : topicNode.asText().split(",")) {
                if (!t.isBlank()) {
                    topics.add(t.strip());
                }
            }
        }
        ParsedDocument doc = new ParsedDocument(id, title, body, emptyToNull(field(meta, "url")),
                field(meta, "source"), DocumentStatus.parse(statusText).orElseThrow(),
                field(meta, "reviewed-by"), field(meta, "reviewed-on"), topics, 1);
        return new ParseResult(List.of(doc), List.of(), true);
    }

    private static String field(JsonNode meta, String name) {
        JsonNode value = meta.get(name);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
