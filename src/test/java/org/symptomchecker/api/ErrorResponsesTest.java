package org.symptomchecker.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Every refusal is a 4xx with a JSON problem body that names the problem and shows nothing internal. */
@QuarkusTest
class ErrorResponsesTest {

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
        given().contentType(ContentType.JSON).body(huge).post("/api/v1/chat")
                .then().statusCode(413).contentType(containsString("json")).body("status", equalTo(413));
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
}
