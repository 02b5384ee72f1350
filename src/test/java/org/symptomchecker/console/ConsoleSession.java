package org.symptomchecker.console;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.symptomchecker.TestClient;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A signed-in console user in the tests: its session cookie and CSRF token, and requests made with them. */
record ConsoleSession(String username, String sessionCookie, String csrfToken) {

    static final String SESSION_COOKIE = "symptom-console";
    /** %test.symptom.console.bootstrap-admin-password. */
    static final String ADMIN_PASSWORD = "console-test-admin-password";

    /** Posts the login form without following the redirect. */
    static Response postLogin(String username, String password) {
        return given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", username).formParam("j_password", password)
                .post("/console/j_security_check");
    }

    /** Logs in (expects the redirect to the landing page) and fetches the CSRF token from /me. */
    static ConsoleSession login(String username, String password) {
        Response r = postLogin(username, password);
        assertThat(r.statusCode()).as("login of " + username + ": " + r.body().asString()).isEqualTo(302);
        String session = r.cookie(SESSION_COOKIE);
        assertThat(session).as("session cookie").isNotBlank();
        String token = given().cookie(SESSION_COOKIE, session).get("/api/v1/admin/content/me")
                .then().statusCode(200).extract().path("csrfToken");
        return new ConsoleSession(username, session, token);
    }

    static ConsoleSession admin() {
        return login("admin", ADMIN_PASSWORD);
    }

    /** A fresh username, so tests never share a user (nor its failed-login count). */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new user of this role, created by this (admin) session, logged in. */
    ConsoleSession newUser(String role) {
        String name = uniqueName(role);
        return login(name, createUser(name, role));
    }

    /** Creates a user through the API as this (admin) session; returns its password. */
    String createUser(String username, String role) {
        String password = "pw-" + UUID.randomUUID();
        post("/api/v1/admin/content/users", Map.of("username", username, "password", password, "role", role))
                .then().statusCode(201);
        return password;
    }

    /** A request carrying the session cookie, no CSRF token. */
    RequestSpecification request() {
        return given().redirects().follow(false).cookie(SESSION_COOKIE, sessionCookie);
    }

    /** A request carrying the session, the CSRF cookie and the CSRF header. */
    RequestSpecification withCsrf() {
        return request().cookie("console-csrf", csrfToken).header("X-CSRF-Token", csrfToken);
    }

    Response post(String path, Object body) {
        return withCsrf().contentType(ContentType.JSON).body(TestClient.json(body)).post(path);
    }
}
