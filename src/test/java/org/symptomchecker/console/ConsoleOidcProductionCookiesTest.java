package org.symptomchecker.console;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.symptomchecker.channels.PlatformApiStub;

import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With OIDC sign-in and production cookies, the code flow's state cookie and the session cookie are Secure. */
@QuarkusTest
@TestProfile(ConsoleOidcProductionCookiesTest.Production.class)
class ConsoleOidcProductionCookiesTest {

    /** {@link ConsoleOidcProfile} with symptom.console.secure-cookies on, as in production. */
    public static class Production extends ConsoleOidcProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("symptom.console.secure-cookies", "true");
            return overrides;
        }
    }

    @PlatformApiStub.Server
    WireMockServer server;

    @PlatformApiStub.Server
    KeyPair key;

    @Test
    void theStateAndSessionCookiesAreSecureHttpOnlyAndLax() {
        Response started = OidcTestProvider.start();
        assertThat(cookie(started, "q_auth")).containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly");
        Response back = new OidcTestProvider(server, key).signIn("pat-" + UUID.randomUUID().toString().substring(0, 8),
                "code-" + UUID.randomUUID(), ConsoleOidcProfile.EDITORS);
        assertThat(cookie(back, "q_session")).containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");
    }

    private static String cookie(Response r, String prefix) {
        List<String> set = r.headers().getValues("Set-Cookie");
        return set.stream().filter(h -> h.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " cookie in " + set));
    }
}
