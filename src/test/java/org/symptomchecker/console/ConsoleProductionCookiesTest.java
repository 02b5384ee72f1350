package org.symptomchecker.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** With production settings: every console cookie is Secure, and one client address is throttled across usernames. */
@QuarkusTest
@TestProfile(ConsoleProductionProfile.class)
class ConsoleProductionCookiesTest {

    @Test
    void theSessionAndCsrfCookiesAreSecure() {
        Response login = ConsoleSession.postLogin("admin", ConsoleSession.ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(setCookies(login, ConsoleSession.SESSION_COOKIE)).isNotEmpty()
                .allSatisfy(h -> assertThat(h).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly"));
        Response me = given().cookie(ConsoleSession.SESSION_COOKIE, login.cookie(ConsoleSession.SESSION_COOKIE))
                .get("/api/v1/admin/content/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(setCookies(me, "console-csrf")).isNotEmpty().allSatisfy(h -> assertThat(h).containsIgnoringCase("Secure"));
        // the return-to cookie stored when a page sends the browser to the login page
        Response redirected = given().redirects().follow(false).get("/console");
        assertThat(redirected.statusCode()).isEqualTo(302);
        assertThat(setCookies(redirected, "quarkus-redirect-location")).allSatisfy(h -> assertThat(h).containsIgnoringCase("Secure"));
    }

    @Test
    void oneAddressIsThrottledWhateverUsernamesItTries() {
        String address = "203.0.113." + (10 + (int) (Math.random() * 200));
        for (int i = 0; i < ConsoleProductionProfile.MAX_FAILURES_PER_ADDRESS; i++) {
            assertThat(loginFrom(address, ConsoleSession.uniqueName("guess"), "wrong-password-1").statusCode()).isEqualTo(401);
        }
        Response locked = loginFrom(address, "admin", ConsoleSession.ADMIN_PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotBlank();
        // another address is not locked
        assertThat(loginFrom("198.51.100.9", "admin", ConsoleSession.ADMIN_PASSWORD).statusCode()).isEqualTo(302);
    }

    private static Response loginFrom(String address, String username, String password) {
        return given().redirects().follow(false).header("X-Forwarded-For", address).contentType(ContentType.URLENC)
                .formParam("j_username", username).formParam("j_password", password).post("/console/j_security_check");
    }

    private static List<String> setCookies(Response r, String name) {
        return r.headers().getValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).toList();
    }
}
