package org.symptomchecker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The one HTTP client of the tests: a chat turn or a stateless triage against the running test application. */
public final class TestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestClient() {
    }

    /** Posts a chat body as given (JSON) and expects 200. */
    public static JsonPath chat(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/chat").then().statusCode(200).extract().jsonPath();
    }

    /** A person's message, in a conversation (null: a new one), as properly escaped JSON; expects 200. */
    public static JsonPath say(String conversationId, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        body.put("message", message);
        return chat(json(body));
    }

    /** Posts a stateless triage body as given (JSON) and expects 200. */
    public static JsonPath triage(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/triage").then().statusCode(200).extract().jsonPath();
    }

    /** An object as JSON text. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
