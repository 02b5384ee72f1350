package org.symptomchecker.console;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.symptomchecker.channels.PlatformApiStub;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server on 127.0.0.1 standing in for an OpenID Connect provider: its discovery document, and its signing
 * key (an RSA key made at start) as a JWKS. The token endpoint ({@value #TOKEN}) is stubbed by each test. A test's
 * fields annotated {@link PlatformApiStub.Server} get the server ({@link WireMockServer}) and the key ({@link KeyPair}),
 * so it can sign the provider's tokens.
 */
public class OidcProviderStub implements QuarkusTestResourceLifecycleManager {

    static final String REALM = "/realms/console";
    static final String AUTHORIZE = REALM + "/protocol/openid-connect/auth";
    static final String TOKEN = REALM + "/protocol/openid-connect/token";
    static final String JWKS = REALM + "/protocol/openid-connect/certs";
    static final String END_SESSION = REALM + "/protocol/openid-connect/logout";
    static final String KEY_ID = "console-test-key";

    private WireMockServer server;
    private KeyPair key;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        server.start();
        String issuer = issuer(server.port());
        server.stubFor(get(urlPathEqualTo(REALM + "/.well-known/openid-configuration")).willReturn(okJson("""
                {"issuer":"%1$s","authorization_endpoint":"%2$s%3$s","token_endpoint":"%2$s%4$s","jwks_uri":"%2$s%5$s","end_session_endpoint":"%2$s%6$s",
                 "response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"],
                 "token_endpoint_auth_methods_supported":["client_secret_basic"]}
                """.formatted(issuer, "http://127.0.0.1:" + server.port(), AUTHORIZE, TOKEN, JWKS, END_SESSION))));
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key.getPublic());
        jwk.setKeyId(KEY_ID);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        server.stubFor(get(urlPathEqualTo(JWKS)).willReturn(okJson(new JsonWebKeySet(jwk).toJson())));
        return Map.of("quarkus.oidc.auth-server-url", issuer);
    }

    static String issuer(int port) {
        return "http://127.0.0.1:" + port + REALM;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(PlatformApiStub.Server.class, WireMockServer.class));
        injector.injectIntoFields(key, new TestInjector.AnnotatedAndMatchesType(PlatformApiStub.Server.class, KeyPair.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
