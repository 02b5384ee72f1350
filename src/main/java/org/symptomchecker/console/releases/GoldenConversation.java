package org.symptomchecker.console.releases;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.triage.TriageLevel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A conversation the content team keeps as a promise: its expected level, the documents its last reply must cite,
 * phrases its last reply must hold and phrases no reply may hold. Kept with the content, one JSON object per line, in
 * {@code guardrails/evaluation/golden/*.jsonl}; the console adds and edits them in a draft like any other file, and
 * every evaluation and publish runs them under the published release and under the draft.
 *
 * @param level   the level the whole conversation must come to (its last turn's)
 * @param cite    document ids the last reply must cite
 * @param must    phrases the last reply must hold (case and spacing aside)
 * @param mustNot phrases no reply of the conversation may hold
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GoldenConversation(String id, List<String> messages, Integer age, String sex, String region, String channel,
                                 TriageLevel level, List<String> cite, List<String> must,
                                 @JsonProperty("must_not") List<String> mustNot, String note, String by) {

    /** Where the console writes a new golden conversation of a draft. */
    public static final String FILE = "guardrails/evaluation/golden/conversations.jsonl";
    static final String FOLDER = "guardrails/evaluation/golden/";
    static final int MAX_MESSAGES = 20;
    static final int MAX_MESSAGE_CHARS = 2000;
    static final int MAX_PHRASES = 20;
    static final int MAX_PHRASE_CHARS = 300;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    public GoldenConversation {
        messages = messages == null ? List.of() : List.copyOf(messages);
        cite = cite == null ? List.of() : List.copyOf(cite);
        must = must == null ? List.of() : List.copyOf(must);
        mustNot = mustNot == null ? List.of() : List.copyOf(mustNot);
    }

    /** What is wrong with it, as sentences an editor can act on; empty when it is fine. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            out.add("'id' must be 1 to 64 lower-case letters, digits or '-'");
        }
        if (messages.isEmpty() || messages.size() > MAX_MESSAGES) {
            out.add("'messages' must hold 1 to " + MAX_MESSAGES + " messages of the person");
        }
        if (messages.stream().anyMatch(m -> m == null || m.isBlank() || m.length() > MAX_MESSAGE_CHARS)) {
            out.add("every message must be text of 1 to " + MAX_MESSAGE_CHARS + " characters");
        }
        if (level == null) {
            out.add("'level' is required: one of NONE, SELF_CARE, ROUTINE, URGENT, EMERGENCY");
        }
        if (age != null && (age < 0 || age > 120)) {
            out.add("'age' must be 0 to 120");
        }
        for (Map.Entry<String, List<String>> phrases : Map.of("cite", cite, "must", must, "must_not", mustNot).entrySet()) {
            if (phrases.getValue().size() > MAX_PHRASES
                    || phrases.getValue().stream().anyMatch(p -> p == null || p.isBlank() || p.length() > MAX_PHRASE_CHARS)) {
                out.add("'" + phrases.getKey() + "' holds at most " + MAX_PHRASES + " entries of 1 to " + MAX_PHRASE_CHARS + " characters");
            }
        }
        return out;
    }

    /** The conversation as the preview runs it. */
    public ContentPreview.Conversation conversation() {
        return new ContentPreview.Conversation(messages, age, sex, region, channel);
    }

    /** Its line in a golden file. */
    public String toLine() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line of a golden file. */
    static GoldenConversation parse(String line) {
        try {
            return JSON.readValue(line, GoldenConversation.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        }
    }

    /** Whether a content path is a golden file. */
    static boolean isGoldenFile(String path) {
        return path.startsWith(FOLDER) && path.endsWith(".jsonl") && path.indexOf('/', FOLDER.length()) < 0;
    }

    /**
     * Every golden conversation of a set of content files, by id, with the file it is in. A line that does not read is
     * a problem of the content: {@link ApiProblem} 422 with its file and line.
     */
    static Map<String, Located> read(Map<String, String> items) {
        Map<String, Located> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        items.forEach((path, text) -> {
            if (!isGoldenFile(path)) {
                return;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    continue;
                }
                String where = path + " line " + (i + 1);
                try {
                    GoldenConversation g = parse(line);
                    List<String> wrong = g.problems();
                    if (!wrong.isEmpty()) {
                        problems.add(where + ": " + String.join("; ", wrong));
                    } else if (out.putIfAbsent(g.id(), new Located(g, path)) != null) {
                        problems.add(where + ": the id '" + g.id() + "' is used twice");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new ApiProblem(422, "Invalid golden conversations", String.join("\n", problems));
        }
        return out;
    }

    /**
     * A golden file's text with the line of {@code id} replaced by {@code line} (added at the end when the file has no
     * such id; removed when {@code line} is null). Other lines stay as they are.
     */
    static String withLine(String text, String id, String line) {
        List<String> out = new ArrayList<>();
        boolean placed = false;
        for (String l : text == null ? new String[0] : text.split("\n")) {
            String id0 = null;
            if (!l.isBlank()) {
                try {
                    id0 = parse(l.strip()).id();
                } catch (IllegalArgumentException e) {
                    // kept as it is: read() reports it
                }
            }
            if (id.equals(id0)) {
                if (line != null && !placed) {
                    out.add(line);
                }
                placed = true;
            } else {
                out.add(l);
            }
        }
        if (!placed && line != null) {
            out.add(line);
        }
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }

    /** A golden conversation and the file that holds it. */
    record Located(GoldenConversation golden, String path) {
    }

    /** Whether a reply holds a phrase, case and spacing aside. */
    static boolean holds(String reply, String phrase) {
        return fold(reply).contains(fold(phrase));
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }
}
