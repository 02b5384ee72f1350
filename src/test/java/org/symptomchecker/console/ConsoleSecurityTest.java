package org.symptomchecker.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The console's login, session cookie, role checks, CSRF protection and login throttling, over HTTP. */
@QuarkusTest
class ConsoleSecurityTest {

    private static final String USERS = "/api/v1/admin/content/users";

    @Test
    void theApiAnswersAJsonProblemWithoutALoginNeverARedirect() {
        for (String path : List.of("/api/v1/admin/content/me", USERS, "/api/v1/admin/content/audit", "/api/v1/admin/content/no-such-thing")) {
            given().redirects().follow(false).accept("text/html").get(path).then()
                    .statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
        }
        given().redirects().follow(false).contentType(ContentType.JSON).body("{}").post(USERS).then()
                .statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void consolePagesRedirectToTheLoginPageWhichIsOpenAndLabelled() {
        given().redirects().follow(false).get("/console").then()
                .statusCode(302).header("Location", containsString("/console/login"));
        given().get("/console/login").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<label for=\"j_username\">"), containsString("<label for=\"j_password\">"));
        given().get("/console/login?error=true").then().statusCode(200).body(containsString("role=\"alert\""));
    }

    @Test
    void loginSetsAnHttpOnlyStrictSessionCookieAndLandsOnTheConsole() {
        Response r = ConsoleSession.postLogin("admin", ConsoleSession.ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.header("Location")).endsWith("/console");
        String cookie = r.headers().getValues("Set-Cookie").stream()
                .filter(h -> h.startsWith(ConsoleSession.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        given().redirects().follow(false).cookie(ConsoleSession.SESSION_COOKIE, r.cookie(ConsoleSession.SESSION_COOKIE))
                .get("/console").then().statusCode(200).body(containsString("Signed in as <strong>admin</strong>"));
    }

    @Test
    void meTellsWhoIsSignedInTheirRoleAndTheCsrfToken() {
        ConsoleSession admin = ConsoleSession.admin();
        String editorName = ConsoleSession.uniqueName("ed");
        String password = admin.createUser(editorName, "editor");
        ConsoleSession editor = ConsoleSession.login(editorName, password);
        Response me = editor.request().get("/api/v1/admin/content/me");
        me.then().statusCode(200)
                .body("username", equalTo(editorName)).body("role", equalTo("editor"))
                .body("csrfHeader", equalTo("X-CSRF-Token"));
        assertThat(me.headers().getValues("Set-Cookie")).anySatisfy(h -> assertThat(h).startsWith("console-csrf=")
                .containsIgnoringCase("SameSite=Strict").doesNotContainIgnoringCase("HttpOnly"));
        assertThat(editor.csrfToken()).isNotBlank();
    }

    @Test
    void aWrongPasswordIs401AndAuditedWithoutThePassword() {
        ConsoleSession admin = ConsoleSession.admin();
        String name = ConsoleSession.uniqueName("wrong");
        admin.createUser(name, "editor");
        Response refused = ConsoleSession.postLogin(name, "not-the-password-123");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.cookie(ConsoleSession.SESSION_COOKIE)).isNull();

        List<Map<String, Object>> entries = admin.request().queryParam("action", "login.failed").queryParam("size", 500)
                .get("/api/v1/admin/content/audit").then().statusCode(200).extract().path("entries");
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("target")).isEqualTo(name);
            assertThat(e.get("actor")).isEqualTo("anonymous");
        });
        assertThat(entries.toString()).doesNotContain("not-the-password-123");
    }

    @Test
    void anUnknownUsernameIsAuditedOnlyAsAShortHash() {
        ConsoleSession admin = ConsoleSession.admin();
        String name = ConsoleSession.uniqueName("nobody");
        assertThat(ConsoleSession.postLogin(name, "whatever-password-1").statusCode()).isEqualTo(401);
        String export = admin.request().queryParam("action", "login.failed").get("/api/v1/admin/content/audit/export")
                .then().statusCode(200).extract().asString();
        assertThat(export).doesNotContain(name).contains("unknown-user:");
    }

    @Test
    void afterFiveFailuresLoginIsThrottledEvenWithTheRightPassword() {
        ConsoleSession admin = ConsoleSession.admin();
        String name = ConsoleSession.uniqueName("throttled");
        String password = admin.createUser(name, "reviewer");
        for (int i = 0; i < 5; i++) {
            assertThat(ConsoleSession.postLogin(name, "wrong-password-" + i).statusCode()).as("failure " + i).isEqualTo(401);
        }
        Response locked = ConsoleSession.postLogin(name, "wrong-password-again");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(locked.contentType()).startsWith("application/problem+json");

        Response right = ConsoleSession.postLogin(name, password);
        assertThat(right.statusCode()).as("the right password while locked").isEqualTo(429);
        assertThat(right.cookie(ConsoleSession.SESSION_COOKIE)).isNull();
        admin.request().queryParam("action", "login.throttled").get("/api/v1/admin/content/audit").then()
                .statusCode(200).body("entries.target", org.hamcrest.Matchers.hasItem(name));
    }

    @Test
    void aBrowserGetsTheLoginPageWithTheErrorAnnounced() {
        Response r = given().redirects().follow(false).accept("text/html").contentType(ContentType.URLENC)
                .formParam("j_username", ConsoleSession.uniqueName("browser")).formParam("j_password", "wrong-password-1")
                .post("/console/j_security_check");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body().asString()).contains("role=\"alert\"").contains("not correct");
    }

    @Test
    void rolesLimitWhatEachUserMayDo() {
        ConsoleSession admin = ConsoleSession.admin();
        String editorName = ConsoleSession.uniqueName("ed");
        String reviewerName = ConsoleSession.uniqueName("rev");
        ConsoleSession editor = ConsoleSession.login(editorName, admin.createUser(editorName, "editor"));
        ConsoleSession reviewer = ConsoleSession.login(reviewerName, admin.createUser(reviewerName, "reviewer"));

        editor.post(USERS, Map.of("username", ConsoleSession.uniqueName("x"), "password", "long-enough-password", "role", "admin"))
                .then().statusCode(403).contentType(startsWith("application/problem+json")).body("status", equalTo(403));
        editor.request().get("/api/v1/admin/content/audit").then().statusCode(403);
        reviewer.request().get("/api/v1/admin/content/audit").then().statusCode(200);
        reviewer.request().get(USERS).then().statusCode(403);
        admin.request().get(USERS).then().statusCode(200).body("username", org.hamcrest.Matchers.hasItems(editorName, reviewerName));
    }

    @Test
    void anAdminChangesARoleAndItAppliesToTheNextRequest() {
        ConsoleSession admin = ConsoleSession.admin();
        String name = ConsoleSession.uniqueName("promoted");
        ConsoleSession user = ConsoleSession.login(name, admin.createUser(name, "editor"));
        user.request().get("/api/v1/admin/content/audit").then().statusCode(403);
        admin.withCsrf().contentType(ContentType.JSON).body("{\"role\":\"reviewer\"}").patch(USERS + "/" + name)
                .then().statusCode(200).body("role", equalTo("reviewer"));
        user.request().get("/api/v1/admin/content/audit").then().statusCode(200);
        admin.request().queryParam("action", "user.role-changed").get("/api/v1/admin/content/audit").then()
                .body("entries.target", org.hamcrest.Matchers.hasItem(name));
        admin.withCsrf().contentType(ContentType.JSON).body("{\"disabled\":true}").patch(USERS + "/" + name).then().statusCode(200);
        user.request().get("/api/v1/admin/content/me").then().statusCode(401);
    }

    @Test
    void badUserInputIsA4xxProblem() {
        ConsoleSession admin = ConsoleSession.admin();
        admin.post(USERS, Map.of("username", "Bad Name!", "password", "long-enough-password", "role", "editor"))
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        admin.post(USERS, Map.of("username", ConsoleSession.uniqueName("ok"), "password", "short", "role", "editor"))
                .then().statusCode(400);
        admin.post(USERS, Map.of("username", ConsoleSession.uniqueName("ok"), "password", "long-enough-password", "role", "owner"))
                .then().statusCode(400);
        admin.withCsrf().contentType(ContentType.JSON).body("{not json").post(USERS).then().statusCode(400);
        admin.post(USERS, Map.of("username", "admin", "password", "long-enough-password", "role", "editor")).then().statusCode(409);
    }

    @Test
    void aStateChangeWithoutAValidCsrfTokenIsRefused() {
        ConsoleSession admin = ConsoleSession.admin();
        String body = "{\"username\":\"" + ConsoleSession.uniqueName("csrf") + "\",\"password\":\"long-enough-password\",\"role\":\"editor\"}";
        admin.request().contentType(ContentType.JSON).body(body).post(USERS).then()
                .statusCode(403).contentType(startsWith("application/problem+json")).body("detail", containsString("X-CSRF-Token"));
        admin.request().cookie("console-csrf", admin.csrfToken()).header("X-CSRF-Token", "forged.token")
                .contentType(ContentType.JSON).body(body).post(USERS).then().statusCode(403);
        // a token valid for another user is no token for this one
        String otherName = ConsoleSession.uniqueName("other");
        ConsoleSession other = ConsoleSession.login(otherName, admin.createUser(otherName, "editor"));
        admin.request().cookie("console-csrf", other.csrfToken()).header("X-CSRF-Token", other.csrfToken())
                .contentType(ContentType.JSON).body(body).post(USERS).then().statusCode(403);
        // header without the matching cookie
        admin.request().header("X-CSRF-Token", admin.csrfToken()).contentType(ContentType.JSON).body(body).post(USERS)
                .then().statusCode(403);
        admin.withCsrf().contentType(ContentType.JSON).body(body).post(USERS).then().statusCode(201);
    }

    @Test
    void logoutNeedsTheFormTokenAndIsAudited() {
        ConsoleSession admin = ConsoleSession.admin();
        String name = ConsoleSession.uniqueName("leaving");
        ConsoleSession user = ConsoleSession.login(name, admin.createUser(name, "editor"));
        user.request().cookie("console-csrf", user.csrfToken()).contentType(ContentType.URLENC).formParam("csrf", "wrong")
                .post("/console/logout").then().statusCode(403);
        Response out = user.request().cookie("console-csrf", user.csrfToken()).accept("text/html").contentType(ContentType.URLENC)
                .formParam("csrf", user.csrfToken()).post("/console/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).contains("/console/login?logout=true");
        assertThat(out.headers().getValues("Set-Cookie"))
                .anySatisfy(h -> assertThat(h).startsWith(ConsoleSession.SESSION_COOKIE + "=").containsIgnoringCase("Max-Age=0"));
        admin.request().queryParam("action", "logout").queryParam("actor", name).get("/api/v1/admin/content/audit")
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void theServicesOtherEndpointsStayAsTheyWere() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/api/v1/widget/config").then().statusCode(200);
        given().get("/api/v1/admin/corpus/status").then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().header("X-Admin-Token", "test-admin-token").get("/api/v1/admin/corpus/status").then().statusCode(200);
        // a console session is no admin token
        ConsoleSession admin = ConsoleSession.admin();
        admin.request().get("/api/v1/admin/guardrails/status").then().statusCode(401);
    }
}
