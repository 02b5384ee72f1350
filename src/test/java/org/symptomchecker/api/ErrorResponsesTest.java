package org.symptomchecker.api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal is a 4xx with a JSON problem body that names the problem and shows nothing internal. */
@QuarkusTest
class ErrorResponsesTest {

    @TestHTTPResource("/")
    URI root;

    private static void problem(io.restassured.response.ValidatableResponse r, int status, String detailFragment) {
        r.statusCode(status)
                .contentType(containsString("json"))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", containsString(detailFragment))
                .body(not(containsString("Exception")))
                .body(not(containsString("at org.")));
    }

    @Test
    void emptyMessageIsRefused() {
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"\"}").post("/api/v1/chat").then(), 400, "message");
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"   \"}").post("/api/v1/chat").then(), 400, "message");
        problem(given().contentType(ContentType.JSON).body("{}").post("/api/v1/chat").then(), 400, "message");
    }

    @Test
    void overLongMessageIsRefusedWithTheLimit() {
        String longText = "a".repeat(2001);
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"" + longText + "\"}").post("/api/v1/chat").then(),
                413, "2000");
    }

    @Test
    void messageAtTheLimitIsAccepted() {
        String text = "back pain ".repeat(200);
        given().contentType(ContentType.JSON).body("{\"message\":\"" + text.strip() + "\"}").post("/api/v1/chat")
                .then().statusCode(200).body("conversationId", notNullValue());
    }

    @Test
    void malformedJsonIsRefused() {
        problem(given().contentType(ContentType.JSON).body("{\"message\": \"hi\"").post("/api/v1/chat").then(), 400, "JSON");
        problem(given().contentType(ContentType.JSON).body("not json at all").post("/api/v1/chat").then(), 400, "JSON");
    }

    @Test
    void fieldOfTheWrongTypeIsRefused() {
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"hi\",\"age\":\"old\"}").post("/api/v1/chat").then(), 400, "age");
    }

    @Test
    void implausibleProfileIsRefused() {
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"hi\",\"age\":-3}").post("/api/v1/chat").then(), 400, "age");
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"hi\",\"sex\":\"banana\"}").post("/api/v1/chat").then(), 400, "sex");
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"hi\",\"channel\":\"<script>\"}").post("/api/v1/chat").then(), 400, "channel");
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"hi\",\"conversationId\":\"../../etc\"}").post("/api/v1/chat").then(), 400, "conversationId");
    }

    @Test
    void wrongContentTypeIsRefused() {
        problem(given().contentType(ContentType.TEXT).body("message=hi").post("/api/v1/chat").then(), 415, "application/json");
    }

    @Test
    void missingBodyIsRefused() {
        problem(given().contentType(ContentType.JSON).post("/api/v1/chat").then(), 400, "message");
    }

    @Test
    void oversizedBodyIsRefused() {
        String huge = "{\"message\":\"" + "x".repeat(70_000) + "\"}";
        problem(given().contentType(ContentType.JSON).body(huge).post("/api/v1/chat").then(), 413, "65536 bytes");
    }

    /** A valid chat body of {@code size} bytes: a short message padded with JSON whitespace. */
    private static byte[] chatBody(int size) {
        String head = "{\"message\":\"what helps back pain\"";
        return (head + " ".repeat(size - head.length() - 1) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** A valid triage body of {@code size} bytes. */
    private static byte[] triageBody(int size) {
        String head = "{\"messages\":[\"my back aches\"]";
        return (head + " ".repeat(size - head.length() - 1) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Posts the bytes with Transfer-Encoding: chunked and no Content-Length, as a streaming client does
     * (java.net.http sends a body of unknown length in chunks).
     */
    private HttpResponse<String> postChunked(String path, byte[] body, String... headers) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void chunkedProblem(HttpResponse<String> r, int status, String detailFragment) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        JsonPath problem = JsonPath.from(r.body());
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).contains(detailFragment);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWithAProblem() throws Exception {
        // valid JSON, only too long: without a limit on the bytes read these would be answered
        chunkedProblem(postChunked("api/v1/chat", chatBody(200_000)), 413, "65536 bytes");
        chunkedProblem(postChunked("api/v1/triage", triageBody(200_000)), 413, "65536 bytes");
        // the same through RestAssured, whose client sends an InputStream in chunks and reads the answer after the last byte
        given().contentType(ContentType.JSON).body(new ByteArrayInputStream(chatBody(200_000))).post("/api/v1/chat")
                .then().statusCode(413).contentType(containsString("json")).body("status", equalTo(413))
                .body("detail", containsString("65536 bytes"));
        given().contentType(ContentType.JSON).body("{\"message\":\"what is shingles\"}").post("/api/v1/chat").then().statusCode(200);
    }

    @Test
    void chunkedBodyOverTheHttpLayersBackstopIsRefusedWithAProblem() throws Exception {
        chunkedProblem(postChunked("api/v1/chat", chatBody(2_000_000)), 413, "65536 bytes");
    }

    @Test
    void aBodySentToAnEndpointThatTakesNoneIsNotRead() throws Exception {
        // the admin calls take no body: one sent anyway is never read (nothing is buffered), and the call is
        // answered as without it, with its own problem, never a 500 or an empty answer
        chunkedProblem(postChunked("api/v1/admin/corpus/import", chatBody(200_000)), 401, "X-Admin-Token");
        chunkedProblem(postChunked("api/v1/admin/guardrails/reload", chatBody(2_000_000), "X-Admin-Token", "wrong"), 401, "X-Admin-Token");
    }

    @Test
    void chunkedBodyWithinTheLimitIsRead() throws Exception {
        // over 10 KiB: past the REST layer's in-memory buffer, so the body is read as a stream
        HttpResponse<String> chat = postChunked("api/v1/chat", chatBody(12_000));
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(JsonPath.from(chat.body()).getString("conversationId")).isNotBlank();
        HttpResponse<String> triage = postChunked("api/v1/triage", triageBody(12_000));
        assertThat(triage.statusCode()).as(triage.body()).isEqualTo(200);
        given().contentType(ContentType.JSON).body(new ByteArrayInputStream(chatBody(65_536))).post("/api/v1/chat")
                .then().statusCode(200).body("conversationId", notNullValue());
    }

    @Test
    void unknownRouteIsAJsonNotFound() {
        problem(given().get("/api/v1/nothing-here").then(), 404, "no such");
        problem(given().get("/no/such/page").then(), 404, "no such");
    }

    @Test
    void wrongMethodIsRefused() {
        problem(given().get("/api/v1/chat").then(), 405, "method");
        problem(given().delete("/api/v1/search").then(), 405, "method");
    }

    @Test
    void badSearchParametersAreRefused() {
        problem(given().get("/api/v1/search").then(), 400, "'q'");
        problem(given().queryParam("q", " ").get("/api/v1/search").then(), 400, "'q'");
        problem(given().queryParam("q", "back").queryParam("limit", "0").get("/api/v1/search").then(), 400, "limit");
        problem(given().queryParam("q", "back").queryParam("limit", "abc").get("/api/v1/search").then(), 400, "limit");
        problem(given().queryParam("q", "back").queryParam("limit", "51").get("/api/v1/search").then(), 400, "limit");
        problem(given().queryParam("q", "back").queryParam("mode", "psychic").get("/api/v1/search").then(), 400, "mode");
        problem(given().queryParam("q", "b".repeat(2001)).get("/api/v1/search").then(), 413, "2000");
    }

    @Test
    void adminCallsNeedTheToken() {
        problem(given().get("/api/v1/admin/corpus/status").then(), 401, "X-Admin-Token");
        problem(given().header("X-Admin-Token", "wrong").post("/api/v1/admin/corpus/import").then(), 401, "X-Admin-Token");
    }

    @Test
    void aFieldGivenTwiceIsRefusedAndNothingIsStored() {
        // the last value must not silently win: the emergency in the first must never turn into a "hello"
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"I have crushing chest pain\",\"message\":\"hello\"}")
                .post("/api/v1/chat").then(), 400, "'message' is given more than once");
        problem(given().contentType(ContentType.JSON).body("{\"messages\":[\"hi\"],\"age\":40,\"age\":4}")
                .post("/api/v1/triage").then(), 400, "'age' is given more than once");
    }

    @Test
    void scalarsAreNotCoerced() {
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"back pain\",\"age\":\"40\"}").post("/api/v1/chat").then(), 400, "'age'");
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"back pain\",\"age\":40.7}").post("/api/v1/chat").then(), 400, "'age'");
        problem(given().contentType(ContentType.JSON).body("{\"message\":12}").post("/api/v1/chat").then(), 400, "'message'");
        problem(given().contentType(ContentType.JSON).body("{\"message\":true}").post("/api/v1/chat").then(), 400, "'message'");
        problem(given().contentType(ContentType.JSON).body("{\"messages\":[\"back pain\"],\"age\":\"40\"}").post("/api/v1/triage").then(), 400, "'age'");
        // a whole number is still a whole number
        given().contentType(ContentType.JSON).body("{\"message\":\"back pain\",\"age\":40}").post("/api/v1/chat").then().statusCode(200);
    }

    @Test
    void theSameAgeRuleHoldsOnEveryEndpoint() {
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"hi\",\"age\":131}").post("/api/v1/chat").then(), 400, "0 to 130");
        problem(given().contentType(ContentType.JSON).body("{\"messages\":[\"hi\"],\"age\":131}").post("/api/v1/triage").then(), 400, "0 to 130");
        problem(given().contentType(ContentType.JSON).body("{\"messages\":[\"hi\"],\"age\":-1}").post("/api/v1/triage").then(), 400, "0 to 130");
        problem(given().contentType(ContentType.JSON).body("{\"messages\":[\"hi\"],\"sex\":\"banana\"}").post("/api/v1/triage").then(), 400, "sex");
        problem(given().contentType(ContentType.JSON).post("/api/v1/triage").then(), 400, "messages");
        // the evaluation set and integrations send F and M as well as female and male
        for (String sex : List.of("F", "m", "female", " Male ", "other")) {
            given().contentType(ContentType.JSON).body("{\"messages\":[\"back pain\"],\"sex\":\"" + sex + "\"}")
                    .post("/api/v1/triage").then().statusCode(200);
            given().contentType(ContentType.JSON).body("{\"message\":\"back pain\",\"sex\":\"" + sex + "\"}")
                    .post("/api/v1/chat").then().statusCode(200);
        }
    }

    @Test
    void regionsAreThoseOfRegionsYaml() {
        problem(given().contentType(ContentType.JSON).body("{\"message\":\"hi\",\"region\":\"XX\"}").post("/api/v1/chat").then(),
                400, "'region' must be one of EU, UK, US");
        problem(given().contentType(ContentType.JSON).body("{\"messages\":[\"hi\"],\"region\":\"Mars\"}").post("/api/v1/triage").then(),
                400, "'region' must be one of");
        given().contentType(ContentType.JSON).body("{\"messages\":[\"I have crushing chest pain\"],\"region\":\"uk\"}")
                .post("/api/v1/triage").then().statusCode(200).body("reply", containsString("999"));
    }

    @Test
    void aSearchOfManyDistinctWordsIsAnsweredNotFailed() {
        StringBuilder q = new StringBuilder("back pain");
        for (int i = 0; i < 700; i++) {
            q.append(" w").append(Integer.toString(i, 36)).append("x");
        }
        given().queryParam("q", q.toString().substring(0, Math.min(q.length(), 2000))).get("/api/v1/search")
                .then().statusCode(200).body("results", notNullValue());
        String words = q.toString().substring(0, 1990);
        given().contentType(ContentType.JSON).body("{\"message\":\"" + words + "\"}").post("/api/v1/chat").then().statusCode(200);
    }
}
