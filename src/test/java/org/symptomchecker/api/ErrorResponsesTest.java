package org.symptomchecker.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

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
