package org.symptomchecker.console;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.restassured.response.Response;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests do as the provider ({@link OidcProviderStub}) and as a browser: sign tokens with the provider's key,
 * answer a code at its token endpoint, and walk the code flow against the running application.
 */
record OidcTestProvider(WireMockServer server, KeyPair key) {

    /** A valid token (ID or access) for this person with these groups, five minutes long. */
    String token(String name, String... groups) {
        return sign(claims(name, c -> { }, groups), key.getPrivate());
    }

    JwtClaims claims(String name, Consumer<JwtClaims> change, String... groups) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(OidcProviderStub.issuer(server.port()));
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

    static String sign(JwtClaims claims, PrivateKey signingKey) {
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

    /** The provider's token endpoint answers this code with an ID and an access token for this person. */
    void stubTokens(String code, String name, String... groups) {
        String body = """
                {"access_token":"%s","id_token":"%s","token_type":"Bearer","expires_in":300}
                """.formatted(token(name, groups), token(name, groups));
        server.stubFor(post(urlPathEqualTo(OidcProviderStub.TOKEN)).withRequestBody(containing("code=" + code))
                .willReturn(okJson(body)));
    }

    /** An anonymous GET /console: the redirect to the provider, with the state cookie. */
    static Response start() {
        Response started = given().redirects().follow(false).get("/console");
        assertThat(started.statusCode()).isEqualTo(302);
        return started;
    }

    /** The query parameters of the redirect to the provider. */
    static Map<String, String> authorizeParams(Response started) {
        return form(URI.create(started.header("Location")).getRawQuery());
    }

    /** Comes back from the provider with this code: the browser's request to our redirect URI. */
    static Response complete(Response started, String code) {
        return given().redirects().follow(false).cookies(started.getCookies())
                .queryParam("code", code).queryParam("state", authorizeParams(started).get("state")).get("/console");
    }

    /** Runs the code flow for this person and returns the response that set the session cookie. */
    Response signIn(String name, String code, String... groups) {
        Response started = start();
        stubTokens(code, name, groups);
        Response back = complete(started, code);
        assertThat(back.statusCode()).as(back.body().asString()).isEqualTo(302);
        return back;
    }

    /** The parameters of a query string or form body, decoded. */
    static Map<String, String> form(String encoded) {
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
