package org.symptomchecker.console;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.symptomchecker.channels.EndToEnd;
import org.symptomchecker.channels.PlatformApiStub;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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
    WireMockServer provider;

    @PlatformApiStub.Server
    KeyPair key;

    // --- bearer tokens on the JSON API ---

    @Test
    void anEditorsBearerTokenReadsTheReleases() {
        given().auth().oauth2(token("eve-editor", ConsoleOidcProfile.EDITORS)).get(RELEASES).then().statusCode(200);
        given().auth().oauth2(token("eve-editor", ConsoleOidcProfile.EDITORS)).get("/api/v1/admin/content/me").then()
                .statusCode(200).body("username", equalTo("eve-editor")).body("role", equalTo("editor"));
    }

    @Test
    void withoutATokenTheApiAnswersAJsonProblem() {
        given().redirects().follow(false).get(RELEASES).then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(401));
    }

    @Test
    void anExpiredForeignOrTamperedTokenIsRefused() {
        String expired = sign(claims("eve-editor", c -> {
            c.setIssuedAtToNow();
            c.setExpirationTimeMinutesInTheFuture(-10);
        }, ConsoleOidcProfile.EDITORS), key.getPrivate());
        String wrongIssuer = sign(claims("eve-editor", c -> c.setIssuer("http://127.0.0.1:1/realms/other"),
                ConsoleOidcProfile.EDITORS), key.getPrivate());
        String otherKey = sign(claims("eve-editor", c -> { }, ConsoleOidcProfile.EDITORS), anotherKey());
        String genuine = token("eve-editor", ConsoleOidcProfile.EDITORS);
        String[] parts = genuine.split("\\.");
        String raisedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(ConsoleOidcProfile.EDITORS, ConsoleOidcProfile.ADMINS).getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + raisedPayload + "." + parts[2];
        for (String bad : List.of(expired, wrongIssuer, otherKey, tampered, "not-a-token")) {
            given().redirects().follow(false).auth().oauth2(bad).get(RELEASES).then().statusCode(401)
                    .contentType(startsWith("application/problem+json")).body("status", equalTo(401))
                    .body(org.hamcrest.Matchers.not(containsString("Exception")));
        }
    }

    @Test
    void aTokenWithoutAConsoleGroupIsForbidden() {
        given().auth().oauth2(token("nora-nobody", "some-other-group")).get(RELEASES).then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(403));
        // a provider group that is merely called like a console role gives nothing
        given().auth().oauth2(token("nora-nobody", "admin")).get(RELEASES).then().statusCode(403);
    }

    @Test
    void anEditorCannotDoWhatOnlyAnAdminMay() {
        given().auth().oauth2(token("eve-editor", ConsoleOidcProfile.EDITORS)).get(USERS).then().statusCode(403);
        given().auth().oauth2(token("ada-admin", ConsoleOidcProfile.ADMINS)).get(USERS).then().statusCode(200);
        // several groups: the highest console role counts
        given().auth().oauth2(token("ada-admin", ConsoleOidcProfile.EDITORS, ConsoleOidcProfile.ADMINS)).get(USERS).then()
                .statusCode(200);
    }

    @Test
    void aBearerCallNeedsNoCsrfTokenButACookieSessionDoes() {
        // a bearer call reaches the resource (which refuses the empty body) without a CSRF token
        given().auth().oauth2(token("ada-admin", ConsoleOidcProfile.ADMINS)).contentType(ContentType.JSON).body("{}")
                .post(USERS).then().statusCode(400);
        Map<String, String> session = signIn("ada-admin", "code-" + UUID.randomUUID(), ConsoleOidcProfile.ADMINS);
        given().redirects().follow(false).cookies(session).contentType(ContentType.JSON).body("{}").post(USERS).then()
                .statusCode(403).body("detail", containsString("X-CSRF-Token"));
    }

    // --- the code flow for the pages ---

    @Test
    void theConsoleSendsTheBrowserToTheProvider() {
        Response r = given().redirects().follow(false).get("/console");
        assertThat(r.statusCode()).isEqualTo(302);
        URI location = URI.create(r.header("Location"));
        assertThat(location.getPath()).isEqualTo(OidcProviderStub.AUTHORIZE);
        assertThat(location.getPort()).isEqualTo(provider.port());
        Map<String, String> query = form(location.getRawQuery());
        assertThat(query).containsEntry("client_id", ConsoleOidcProfile.CLIENT_ID).containsEntry("response_type", "code")
                .containsKey("state");
        assertThat(query.get("redirect_uri")).endsWith("/console");
        assertThat(query.get("state")).isNotBlank();
    }

    @Test
    void completingTheCodeFlowOpensTheConsoleAndIsAudited() {
        String code = "code-" + UUID.randomUUID();
        String name = "rita-" + UUID.randomUUID().toString().substring(0, 8);
        Response started = given().redirects().follow(false).get("/console");
        String state = form(URI.create(started.header("Location")).getRawQuery()).get("state");
        String redirectUri = form(URI.create(started.header("Location")).getRawQuery()).get("redirect_uri");
        stubTokens(code, name, ConsoleOidcProfile.REVIEWERS);

        Response back = given().redirects().follow(false).cookies(started.getCookies())
                .queryParam("code", code).queryParam("state", state).get("/console");
        assertThat(back.statusCode()).as(back.body().asString()).isEqualTo(302);
        String sessionCookie = back.headers().getValues("Set-Cookie").stream().filter(h -> h.startsWith("q_session"))
                .findFirst().orElseThrow();
        assertThat(sessionCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        given().redirects().follow(false).cookies(back.getCookies()).get("/console").then().statusCode(200)
                .body(containsString("Signed in as <strong>" + name + "</strong> (role reviewer)"));
        given().redirects().follow(false).cookies(back.getCookies()).get("/api/v1/admin/content/me").then().statusCode(200)
                .body("username", equalTo(name)).body("role", equalTo("reviewer"));

        // exactly what we sent the provider: the code, our redirect URI, and the client's secret as HTTP Basic
        List<LoggedRequest> sent = provider.findAll(postRequestedFor(urlPathEqualTo(OidcProviderStub.TOKEN))
                .withRequestBody(containing(code)));
        assertThat(sent).hasSize(1);
        assertThat(form(sent.get(0).getBodyAsString())).containsEntry("grant_type", "authorization_code")
                .containsEntry("code", code).containsEntry("redirect_uri", redirectUri).doesNotContainKey("client_secret");
        String basic = Base64.getEncoder().encodeToString((ConsoleOidcProfile.CLIENT_ID + ":"
                + ConsoleOidcProfile.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(sent.get(0).getHeader("Authorization")).isEqualTo("Basic " + basic);

        awaitAudit("actor=" + name + "&action=login", name);
    }

    @Test
    void thePasswordLoginGoesToTheProvider() {
        Response page = given().redirects().follow(false).get("/console/login");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.header("Location")).contains(OidcProviderStub.AUTHORIZE);
        Response login = ConsoleSession.postLogin("admin", ConsoleSession.ADMIN_PASSWORD);
        assertThat(login.statusCode()).isIn(302, 401);
        if (login.statusCode() == 302) {
            assertThat(login.header("Location")).contains(OidcProviderStub.AUTHORIZE);
        }
        assertThat(login.cookie(ConsoleSession.SESSION_COOKIE)).isNull();
    }

    // --- a provider that fails ---

    @Test
    void aProviderFailingAtTheTokenEndpointGivesAClearPageNoStackTrace() {
        for (var answer : List.of(aResponse().withStatus(500).withBody("internal error"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))) {
            String code = "code-" + UUID.randomUUID();
            provider.stubFor(post(urlPathEqualTo(OidcProviderStub.TOKEN)).withRequestBody(containing(code)).willReturn(answer));
            Response started = given().redirects().follow(false).get("/console");
            String state = form(URI.create(started.header("Location")).getRawQuery()).get("state");
            Response back = given().redirects().follow(false).accept("text/html").cookies(started.getCookies())
                    .queryParam("code", code).queryParam("state", state).get("/console");
            assertThat(back.statusCode()).isEqualTo(401);
            assertThat(back.contentType()).startsWith("text/html");
            assertThat(back.body().asString()).contains("Sign-in failed").doesNotContain("Exception").doesNotContain("\tat ");
        }
        awaitAudit("action=login.failed", "oidc");
    }

    // --- helpers ---

    /** Runs the code flow for this person and returns the session's cookies. */
    private Map<String, String> signIn(String name, String code, String... groups) {
        Response started = given().redirects().follow(false).get("/console");
        String state = form(URI.create(started.header("Location")).getRawQuery()).get("state");
        stubTokens(code, name, groups);
        Response back = given().redirects().follow(false).cookies(started.getCookies())
                .queryParam("code", code).queryParam("state", state).get("/console");
        assertThat(back.statusCode()).as(back.body().asString()).isEqualTo(302);
        return back.getCookies();
    }

    /** The provider's token endpoint answers this code with an ID and an access token for this person. */
    private void stubTokens(String code, String name, String... groups) {
        String body = """
                {"access_token":"%s","id_token":"%s","token_type":"Bearer","expires_in":300}
                """.formatted(token(name, groups), token(name, groups));
        provider.stubFor(post(urlPathEqualTo(OidcProviderStub.TOKEN)).withRequestBody(containing("code=" + code))
                .willReturn(okJson(body)));
    }

    /** Waits for the audit entry (written off the request thread) that a query finds, with this target. */
    private void awaitAudit(String query, String target) {
        String admin = token("audit-reader", ConsoleOidcProfile.ADMINS);
        EndToEnd.await("an audit entry for " + query, () -> given().auth().oauth2(admin).get(AUDIT + "?" + query).then()
                .statusCode(200).extract().jsonPath().getList("entries.target", String.class).contains(target),
                Duration.ofSeconds(10));
    }

    private String token(String name, String... groups) {
        return sign(claims(name, c -> { }, groups), key.getPrivate());
    }

    private JwtClaims claims(String name, Consumer<JwtClaims> change, String... groups) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(OidcProviderStub.issuer(provider.port()));
        c.setAudience(ConsoleOidcProfile.CLIENT_ID);
        c.setSubject("sub-" + name);
        c.setClaim("preferred_username", name);
        c.setStringListClaim("groups", groups);
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(5);
        c.setGeneratedJwtId();
        change.accept(c);
        return c;
    }

    private static String sign(JwtClaims claims, PrivateKey signingKey) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey);
        jws.setKeyIdHeaderValue(OidcProviderStub.KEY_ID);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey anotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parameters of a query string or form body, decoded. */
    private static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return params;
    }
}
