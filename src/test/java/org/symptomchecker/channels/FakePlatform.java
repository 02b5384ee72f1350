package org.symptomchecker.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A platform's API on 127.0.0.1 for sender tests: records every request (method, path, Authorization, JSON body)
 * and answers with the queued responses, then 200 with a default body.
 */
public final class FakePlatform implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, String authorization, String contentType, JsonNode body) {
    }

    private record Canned(int status, String body, String retryAfter) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Canned> answers = new ArrayDeque<>();
    private final String defaultBody;

    public FakePlatform(String defaultBody) throws IOException {
        this.defaultBody = defaultBody;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Canned answer;
            synchronized (this) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"),
                        raw.length == 0 ? null : JSON.readTree(raw)));
                answer = answers.isEmpty() ? new Canned(200, this.defaultBody, null) : answers.poll();
            }
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request gets this answer. */
    public synchronized FakePlatform answer(int status, String body, String retryAfter) {
        answers.add(new Canned(status, body, retryAfter));
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
