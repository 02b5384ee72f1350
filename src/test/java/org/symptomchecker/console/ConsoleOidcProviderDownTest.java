package org.symptomchecker.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OIDC sign-in whose provider cannot be reached (nothing listens at its address, from the start): the service still
 * starts, and the console answers a clear page or problem, never a stack trace; the rest of the service is unaffected.
 */
@QuarkusTest
@TestProfile(ConsoleOidcProviderDownTest.NoProvider.class)
class ConsoleOidcProviderDownTest {

    /** {@link ConsoleOidcProfile}'s settings with an issuer URL on a port where nothing listens, and no stub. */
    public static class NoProvider extends ConsoleOidcProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.oidc.auth-server-url", "http://127.0.0.1:" + closedPort() + OidcProviderStub.REALM);
            overrides.put("quarkus.oidc.connection-retry-count", "0");
            return overrides;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of();
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void theConsoleSaysTheProviderCannotBeReached() {
        Response page = given().redirects().follow(false).accept("text/html").get("/console");
        assertThat(page.statusCode()).as(page.body().asString()).isEqualTo(503);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body().asString()).contains("cannot be reached").doesNotContain("Exception").doesNotContain("\tat ");

        Response api = given().redirects().follow(false).auth().oauth2("a.b.c").get("/api/v1/admin/content/releases");
        assertThat(api.statusCode()).as(api.body().asString()).isIn(401, 503);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.body().asString()).doesNotContain("Exception");

        given().get("/q/health/live").then().statusCode(200);
    }
}
