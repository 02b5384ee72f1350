package org.symptomchecker.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * The tests' client of {@code POST /api/v1/chat/stream}: the response's status, content type and body, and the
 * server-sent events read from it in the order they came (parsed by the rules of the SSE format, not by the service's code).
 */
public record ChatStream(int status, String contentType, String body, List<Event> events) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its name and its data, parsed as JSON. */
    public record Event(String name, JsonNode data) {
    }

    /** Posts the body (JSON, as given) to the stream over HTTP and reads the whole stream. */
    public static ChatStream post(String body) {
        Response r = given().contentType(ContentType.JSON).accept("text/event-stream").body(body).post("/api/v1/chat/stream");
        String text = r.asString();
        boolean sse = r.contentType() != null && r.contentType().startsWith("text/event-stream");
        return new ChatStream(r.statusCode(), r.contentType(), text, sse ? parse(text) : List.of());
    }

    /** The events of an SSE body: blocks separated by a blank line, fields "event" and "data" (lines joined by \n). */
    static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n\n")) {
            String name = "message";
            StringBuilder data = null;
            for (String line : block.split("\n")) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                if (field.equals("event")) {
                    name = value;
                } else if (field.equals("data")) {
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
            if (data != null) {
                try {
                    events.add(new Event(name, JSON.readTree(data.toString())));
                } catch (IOException e) {
                    throw new UncheckedIOException("event '" + name + "' holds no JSON: " + data, e);
                }
            }
        }
        return events;
    }

    /** The data of the events of this name, in order. */
    public List<JsonNode> named(String name) {
        return events.stream().filter(e -> e.name().equals(name)).map(Event::data).toList();
    }

    /** The sentence events' texts joined, as a client shows them. */
    public String joinedSentences() {
        StringBuilder all = new StringBuilder();
        named("sentence").forEach(s -> all.append(s.get("text").asText()));
        return all.toString();
    }

    /** The last event's data, which must be the one 'reply' event. */
    public JsonNode reply() {
        if (events.isEmpty() || !events.get(events.size() - 1).name().equals("reply") || named("reply").size() != 1) {
            throw new AssertionError("the stream does not end with its one 'reply' event: " + body);
        }
        return events.get(events.size() - 1).data();
    }
}
