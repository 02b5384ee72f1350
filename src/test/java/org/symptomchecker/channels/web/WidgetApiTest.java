package org.symptomchecker.channels.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The widget's endpoint and headers over HTTP, without a browser. */
@QuarkusTest
class WidgetApiTest {

    @Test
    void theConfigCarriesEveryStringTheEmergencyNumberAndTheStorage() {
        Map<String, String> strings = given().get("/api/v1/widget/config").then().statusCode(200)
                .body("emergencyNumber", equalTo("911"))
                .body("storage", equalTo("session"))
                .extract().jsonPath().getMap("strings", String.class, String.class);
        java.util.Set<String> keys = new java.util.HashSet<>(WidgetResource.KEYS);
        keys.addAll(WidgetResource.OPTIONAL_KEYS); // the shipped file has the optional ones too
        assertThat(strings).containsOnlyKeys(keys).containsEntry("open", "Open chat")
                .containsEntry("input", "Message").containsEntry("send", "Send");
    }

    @Test
    void anOptionalStringMayBeAbsentAndIsServedWhenThere(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        StringBuilder all = new StringBuilder();
        WidgetResource.KEYS.forEach(k -> all.append(k).append("=words of ").append(k).append('\n'));
        Path file = dir.resolve("strings.properties");
        java.nio.file.Files.writeString(file, all.toString());
        assertThat(WidgetResource.strings(file)).containsOnlyKeys(WidgetResource.KEYS);
        java.nio.file.Files.writeString(file, all + "busy=Busy, sending again\n");
        assertThat(WidgetResource.strings(file)).containsEntry("busy", "Busy, sending again").hasSize(WidgetResource.KEYS.size() + 1);
    }

    @Test
    void aMissingStringStopsTheStart(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("strings.properties");
        java.nio.file.Files.writeString(file, "title=Symptom checker\nopen=\n");
        assertThatThrownBy(() -> WidgetResource.strings(file)).hasMessageContaining("is missing or empty");
    }

    @Test
    void anAllowedOriginMayCallTheConfigChatAndDelete() {
        String origin = "https://embedder.example"; // %test.symptom.widget.allowed-origins
        for (String[] call : new String[][] {{"POST", "/api/v1/chat"}, {"POST", "/api/v1/chat/stream"}, {"DELETE", "/api/v1/conversations/abc"}, {"GET", "/api/v1/widget/config"}}) {
            given().header("Origin", origin).header("Access-Control-Request-Method", call[0]).header("Access-Control-Request-Headers", "content-type")
                    .options(call[1]).then().statusCode(204)
                    .header("Access-Control-Allow-Origin", equalTo(origin))
                    .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString(call[0]))
                    .header("Access-Control-Allow-Headers", org.hamcrest.Matchers.equalToIgnoringCase("content-type"));
        }
        String id = given().header("Origin", origin).contentType("application/json").body("{\"message\":\"hello\"}")
                .post("/api/v1/chat").then().statusCode(200).header("Access-Control-Allow-Origin", equalTo(origin))
                .header("Vary", org.hamcrest.Matchers.containsString("Origin"))
                .header("Access-Control-Expose-Headers", equalTo("Retry-After")) // read by the widget after a 429 or 503
                .extract().path("conversationId");
        given().header("Origin", origin).delete("/api/v1/conversations/" + id).then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo(origin));
    }

    @Test
    void noOtherOriginMayCallTheChat() {
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/chat").then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://elsewhere.example").contentType("application/json")
                .body("{\"message\":\"hello\"}").post("/api/v1/chat")
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theDemoPageHasTheStrictPolicyAndTheApiItsOwn() {
        given().get("/").then().statusCode(200).header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'"));
        // the API's replies load nothing and are framed by no one (api.SecurityHeaders), not the page's policy
        given().get("/api/v1/widget/config").then()
                .header("Content-Security-Policy", equalTo("default-src 'none'; frame-ancestors 'none'"));
    }
}
