package org.symptomchecker.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.symptomchecker.console.ConsoleProductionProfile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** With symptom.http.hsts set (as in production), every reply carries Strict-Transport-Security, refusals too. */
@QuarkusTest
@TestProfile(ConsoleProductionProfile.class)
class HstsTest {

    @Test
    void everyReplyCarriesIt() {
        given().contentType(ContentType.JSON).body("{\"message\":\"hello\"}").post("/api/v1/chat").then().statusCode(200)
                .header("Strict-Transport-Security", equalTo(ConsoleProductionProfile.HSTS));
        given().get("/api/v1/no-such-thing").then().statusCode(404)
                .header("Strict-Transport-Security", equalTo(ConsoleProductionProfile.HSTS));
        given().get("/q/health/live").then().statusCode(200)
                .header("Strict-Transport-Security", equalTo(ConsoleProductionProfile.HSTS));
        given().get("/widget.js").then().statusCode(200)
                .header("Strict-Transport-Security", equalTo(ConsoleProductionProfile.HSTS));
    }
}
