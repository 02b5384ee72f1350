package org.symptomchecker.api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reply carries the security headers, whoever made it: a resource, a problem mapper, an early filter, the
 * health checks, the router; the widget's and console's own policies and the widget's CORS stay as they were.
 */
@QuarkusTest
class SecurityHeadersTest {

    private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    @TestHTTPResource("/")
    URI root;

    /** The headers every API reply has, its Cache-Control included; returns the response for more checks. */
    private static Response apiHeaders(Response r, String what) {
        assertThat(r.header("Cache-Control")).as(what + ": Cache-Control").isEqualTo("no-store");
        assertThat(r.header("X-Content-Type-Options")).as(what + ": X-Content-Type-Options").isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).as(what + ": Referrer-Policy").isEqualTo("no-referrer");
        assertThat(r.header("X-Frame-Options")).as(what + ": X-Frame-Options").isEqualTo("DENY");
        assertThat(r.header("Content-Security-Policy")).as(what + ": Content-Security-Policy").isEqualTo(API_CSP);
        assertThat(r.header("Strict-Transport-Security")).as(what + ": no HSTS unless configured").isNull();
        return r;
    }

    @Test
    void successfulJsonReplies() {
        Response chat = given().contentType(ContentType.JSON).body("{\"message\":\"hello\"}").post("/api/v1/chat");
        assertThat(chat.statusCode()).isEqualTo(200);
        apiHeaders(chat, "chat");
        apiHeaders(given().get("/api/v1/widget/config"), "widget config");
        Response search = given().queryParam("q", "back pain").get("/api/v1/search");
        assertThat(search.statusCode()).isEqualTo(200);
        apiHeaders(search, "search");
        Response stream = given().contentType(ContentType.JSON).accept("text/event-stream").body("{\"message\":\"hello\"}")
                .post("/api/v1/chat/stream");
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.header("Cache-Control")).as("the chat stream").contains("no-store");
        assertThat(stream.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(stream.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void problemReplies() {
        Response notFound = given().get("/api/v1/no-such-thing");
        assertThat(notFound.statusCode()).isEqualTo(404);
        apiHeaders(notFound, "404");
        Response notAllowed = given().delete("/api/v1/search");
        assertThat(notAllowed.statusCode()).isEqualTo(405);
        apiHeaders(notAllowed, "405");
        Response tooLarge = given().contentType(ContentType.JSON).body("{\"message\":\"" + "x".repeat(70_000) + "\"}")
                .post("/api/v1/chat");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        apiHeaders(tooLarge, "413 (body)");
        Response tooLong = given().contentType(ContentType.JSON).body("{\"message\":\"" + "x".repeat(2001) + "\"}")
                .post("/api/v1/chat");
        assertThat(tooLong.statusCode()).isEqualTo(413);
        apiHeaders(tooLong, "413 (message)");
        Response malformed = given().contentType(ContentType.JSON).body("{\"message\":").post("/api/v1/chat");
        assertThat(malformed.statusCode()).isEqualTo(400);
        apiHeaders(malformed, "400");
        Response admin = given().get("/api/v1/admin/corpus/status");
        assertThat(admin.statusCode()).isBetween(401, 403);
        apiHeaders(admin, "admin refusal");
        Response console = given().accept(ContentType.JSON).get("/api/v1/admin/content/releases");
        assertThat(console.statusCode()).isEqualTo(401);
        apiHeaders(console, "console API refusal");
    }

    /**
     * The HTTP layer's own refusal of a declared length over quarkus.http.limits.max-body-size, before any resource.
     * Only the request's head is sent: the refusal is decided on the declared length, and a client still uploading a
     * body when the server answers and closes may lose the answer to a reset (CI saw "received no bytes" once).
     */
    @Test
    void theHttpLayersOwnRefusal() throws Exception {
        String head;
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(60_000);
            String request = "POST /api/v1/chat HTTP/1.1\r\nHost: " + root.getHost() + ":" + root.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (6 * 1024 * 1024) + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            head = readHead(socket.getInputStream());
        }
        String[] lines = head.split("\r\n");
        assertThat(lines[0]).startsWith("HTTP/1.1 413");
        Map<String, String> h = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                h.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        assertThat(h).containsEntry("cache-control", "no-store").containsEntry("x-content-type-options", "nosniff")
                .containsEntry("x-frame-options", "DENY");
    }

    /** The status line and headers of a reply, up to the blank line (or the end of the stream). */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            buf.write(b);
            byte[] sofar = buf.toByteArray();
            int n = sofar.length;
            if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
                break;
            }
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void healthReplies() {
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live"}) {
            Response r = given().get(path);
            assertThat(r.statusCode()).as(path).isIn(200, 503);
            apiHeaders(r, path);
        }
    }

    @Test
    void theWidgetKeepsItsOwnPolicyAndStaysCacheable() {
        Response page = given().get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'none'; script-src 'self'")
                .endsWith("frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        Response script = given().get("/widget.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.header("Content-Security-Policy")).startsWith("default-src 'none'; script-src 'self'");
        assertThat(script.header("Cache-Control")).as("embedding sites load widget.js on every page").isNotEqualTo("no-store");
        assertThat(script.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theWidgetsCorsStillWorks() {
        String origin = "https://embedder.example";
        Response preflight = given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").options("/api/v1/chat");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        apiHeaders(preflight, "preflight");
        Response chat = given().header("Origin", origin).contentType(ContentType.JSON).body("{\"message\":\"hello\"}")
                .post("/api/v1/chat");
        assertThat(chat.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        apiHeaders(chat, "cross-origin chat");
    }

    @Test
    void consolePagesKeepTheirOwnHeaders() {
        Response login = given().accept(ContentType.HTML).get("/console/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.header("Cache-Control")).isEqualTo("no-store");
        assertThat(login.header("Content-Security-Policy")).as("a page without its own policy: no framing only")
                .isEqualTo("frame-ancestors 'none'");
        assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
        Response redirect = given().redirects().follow(false).accept(ContentType.HTML).get("/console");
        assertThat(redirect.statusCode()).as("the sign-in's redirect").isBetween(302, 303);
        assertThat(redirect.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(redirect.header("Cache-Control")).isEqualTo("no-store");
    }
}
