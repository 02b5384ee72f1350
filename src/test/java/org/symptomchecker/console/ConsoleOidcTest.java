package org.symptomchecker.console;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symptomchecker.channels.EndToEnd;
import org.symptomchecker.channels.PlatformApiStub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The console signing in through an OpenID Connect provider (a WireMock with its own RSA key, {@link OidcProviderStub})
 * over real HTTP: bearer tokens on the API with roles from the token's groups, the code flow for the pages, the
 * password login turned away, audit entries for sign-ins, and a provider that fails.
 */
@QuarkusTest
@TestProfile(ConsoleOidcProfile.class)
class ConsoleOidcTest {

    private static final String RELEASES = "/api/v1/admin/content/releases";
    private static final String USERS = "/api/v1/admin/content/users";
    private static final String AUDIT = "/api/v1/admin/content/audit";

    @PlatformApiStub.Server
    WireMockServer server;

    @PlatformApiStub.Server
    KeyPair key;

    private OidcTestProvider provider;

    @BeforeEach
    void provider() {
        provider = new OidcTestProvider(server, key);
    }

    // --- bearer tokens on the JSON API ---

    @Test
    void anEditorsBearerTokenReadsTheReleases() {
        String editor = provider.token("eve-editor", ConsoleOidcProfile.EDITORS);
        given().auth().oauth2(editor).get(RELEASES).then().statusCode(200);
        given().auth().oauth2(editor).get("/api/v1/admin/content/me").then()
                .statusCode(200).body("username", equalTo("eve-editor")).body("role", equalTo("editor"));
    }

    @Test
    void withoutATokenTheApiAnswersAJsonProblem() {
        given().redirects().follow(false).get(RELEASES).then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(401));
    }

    @Test
    void anExpiredForeignOrTamperedTokenIsRefused() {
        String expired = OidcTestProvider.sign(provider.claims("eve-editor", c -> c.setExpirationTimeMinutesInTheFuture(-10),
                ConsoleOidcProfile.EDITORS), key.getPrivate());
        String wrongIssuer = OidcTestProvider.sign(provider.claims("eve-editor",
                c -> c.setIssuer("http://127.0.0.1:1/realms/other"), ConsoleOidcProfile.EDITORS), key.getPrivate());
        String otherKey = OidcTestProvider.sign(provider.claims("eve-editor", c -> { }, ConsoleOidcProfile.EDITORS), anotherKey());
        String[] parts = provider.token("eve-editor", ConsoleOidcProfile.EDITORS).split("\\.");
        String raisedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(ConsoleOidcProfile.EDITORS, ConsoleOidcProfile.ADMINS).getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + raisedPayload + "." + parts[2];
        for (String bad : List.of(expired, wrongIssuer, otherKey, tampered, "not-a-token")) {
            given().redirects().follow(false).auth().oauth2(bad).get(RELEASES).then().statusCode(401)
                    .contentType(startsWith("application/problem+json")).body("status", equalTo(401))
                    .body(not(containsString("Exception")));
        }
        awaitAudit("action=login.failed", "oidc");
    }

    @Test
    void outsideTheConsoleATokenIsNotLookedAt() {
        given().auth().oauth2("not-a-token").get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aTokenWithoutAConsoleGroupIsForbidden() {
        given().auth().oauth2(provider.token("nora-nobody", "some-other-group")).get(RELEASES).then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(403));
        // a provider group that is merely called like a console role gives nothing
        given().auth().oauth2(provider.token("nora-nobody", "admin")).get(RELEASES).then().statusCode(403);
    }

    @Test
    void anEditorCannotDoWhatOnlyAnAdminMay() {
        given().auth().oauth2(provider.token("eve-editor", ConsoleOidcProfile.EDITORS)).get(USERS).then().statusCode(403);
        given().auth().oauth2(provider.token("ada-admin", ConsoleOidcProfile.ADMINS)).get(USERS).then().statusCode(200);
        // several groups: the highest console role counts
        given().auth().oauth2(provider.token("ada-admin", ConsoleOidcProfile.EDITORS, ConsoleOidcProfile.ADMINS)).get(USERS)
                .then().statusCode(200);
    }

    @Test
    void aBearerCallNeedsNoCsrfTokenButACookieSessionDoes() {
        // a bearer call reaches the resource (which refuses the empty body) without a CSRF token
        given().auth().oauth2(provider.token("ada-admin", ConsoleOidcProfile.ADMINS)).contentType(ContentType.JSON).body("{}")
                .post(USERS).then().statusCode(400);
        Map<String, String> session = provider.signIn("ada-admin", "code-" + UUID.randomUUID(), ConsoleOidcProfile.ADMINS)
                .getCookies();
        given().redirects().follow(false).cookies(session).contentType(ContentType.JSON).body("{}").post(USERS).then()
                .statusCode(403).body("detail", containsString("X-CSRF-Token"));
    }

    // --- the code flow for the pages ---

    @Test
    void theConsoleSendsTheBrowserToTheProvider() {
        Response r = OidcTestProvider.start();
        URI location = URI.create(r.header("Location"));
        assertThat(location.getPath()).isEqualTo(OidcProviderStub.AUTHORIZE);
        assertThat(location.getPort()).isEqualTo(server.port());
        Map<String, String> query = OidcTestProvider.authorizeParams(r);
        assertThat(query).containsEntry("client_id", ConsoleOidcProfile.CLIENT_ID).containsEntry("response_type", "code");
        assertThat(query.get("redirect_uri")).endsWith("/console");
        assertThat(query.get("state")).isNotBlank();
    }

    @Test
    void completingTheCodeFlowOpensTheConsoleAndIsAudited() {
        String code = "code-" + UUID.randomUUID();
        String name = "rita-" + UUID.randomUUID().toString().substring(0, 8);
        Response started = OidcTestProvider.start();
        String redirectUri = OidcTestProvider.authorizeParams(started).get("redirect_uri");
        provider.stubTokens(code, name, ConsoleOidcProfile.REVIEWERS);

        Response back = OidcTestProvider.complete(started, code);
        assertThat(back.statusCode()).as(back.body().asString()).isEqualTo(302);
        String sessionCookie = back.headers().getValues("Set-Cookie").stream().filter(h -> h.startsWith("q_session"))
                .findFirst().orElseThrow();
        assertThat(sessionCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        given().redirects().follow(false).cookies(back.getCookies()).get("/console").then().statusCode(200)
                .body(containsString("Signed in as <strong>" + name + "</strong> (role reviewer)"));
        given().redirects().follow(false).cookies(back.getCookies()).get("/api/v1/admin/content/me").then().statusCode(200)
                .body("username", equalTo(name)).body("role", equalTo("reviewer"));
        // signed in, the password page is no place to be
        given().redirects().follow(false).cookies(back.getCookies()).get("/console/login").then().statusCode(303)
                .header("Location", "/console");

        // exactly what we sent the provider: the code, our redirect URI, and the client's secret as HTTP Basic
        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo(OidcProviderStub.TOKEN))
                .withRequestBody(containing(code)));
        assertThat(sent).hasSize(1);
        assertThat(OidcTestProvider.form(sent.get(0).getBodyAsString())).containsEntry("grant_type", "authorization_code")
                .containsEntry("code", code).containsEntry("redirect_uri", redirectUri).doesNotContainKey("client_secret");
        String basic = Base64.getEncoder().encodeToString((ConsoleOidcProfile.CLIENT_ID + ":"
                + ConsoleOidcProfile.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(sent.get(0).getHeader("Authorization")).isEqualTo("Basic " + basic);

        awaitAudit("actor=" + name + "&action=login", name);
    }

    @Test
    void signingOutEndsTheSessionAtTheProviderToo() {
        String name = "sam-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> session = provider.signIn(name, "code-" + UUID.randomUUID(), ConsoleOidcProfile.EDITORS)
                .getCookies();
        Response out = given().redirects().follow(false).cookies(session).post("/console/logout");
        assertThat(out.statusCode()).isIn(200, 302);
        String to = out.statusCode() == 302 ? out.header("Location") : out.body().asString();
        assertThat(to).contains(OidcProviderStub.END_SESSION);
        assertThat(out.headers().getValues("Set-Cookie")).anySatisfy(h -> assertThat(h).startsWith("q_session")
                .containsIgnoringCase("max-age=0"));
        awaitAudit("actor=" + name + "&action=logout", name);
    }

    @Test
    void thePasswordLoginGoesToTheProvider() {
        Response page = given().redirects().follow(false).get("/console/login");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.header("Location")).contains(OidcProviderStub.AUTHORIZE);
        Response login = ConsoleSession.postLogin("admin", ConsoleSession.ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).contains(OidcProviderStub.AUTHORIZE);
        assertThat(login.cookie(ConsoleSession.SESSION_COOKIE)).isNull();
    }

    // --- a provider that fails ---

    @Test
    void aProviderFailingAtTheTokenEndpointGivesAClearPageNoStackTrace() {
        for (var answer : List.of(aResponse().withStatus(500).withBody("internal error"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))) {
            String code = "code-" + UUID.randomUUID();
            server.stubFor(post(urlPathEqualTo(OidcProviderStub.TOKEN)).withRequestBody(containing(code)).willReturn(answer));
            Response started = OidcTestProvider.start();
            Response back = given().redirects().follow(false).accept("text/html").cookies(started.getCookies())
                    .queryParam("code", code).queryParam("state", OidcTestProvider.authorizeParams(started).get("state"))
                    .get("/console");
            assertThat(back.statusCode()).isEqualTo(401);
            assertThat(back.contentType()).startsWith("text/html");
            assertThat(back.body().asString()).contains("Sign-in failed").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    /** Waits for the audit entry (written off the request thread) that a query finds, with this target. */
    private void awaitAudit(String query, String target) {
        String admin = provider.token("audit-reader", ConsoleOidcProfile.ADMINS);
        EndToEnd.await("an audit entry for " + query, () -> given().auth().oauth2(admin).get(AUDIT + "?" + query).then()
                .statusCode(200).extract().jsonPath().getList("entries.target", String.class).contains(target),
                Duration.ofSeconds(10));
    }

    private static PrivateKey anotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
