package org.symptomchecker.console;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The console signing in through an OpenID Connect provider (a WireMock, {@link OidcProviderStub}): the code flow for
 * pages, its session or a bearer token for the API, console roles from the token's {@code groups}.
 */
public class ConsoleOidcProfile implements QuarkusTestProfile {

    static final String CLIENT_ID = "symptom-console";
    static final String CLIENT_SECRET = "console-test-client-secret-0123456789";
    static final String EDITORS = "content-editors";
    static final String REVIEWERS = "clinical-reviewers";
    static final String ADMINS = "console-admins";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("symptom.console-auth.login", "oidc",
                "quarkus.oidc.client-id", CLIENT_ID,
                "quarkus.oidc.credentials.secret", CLIENT_SECRET,
                "symptom.console-auth.oidc-roles", EDITORS + "=editor," + REVIEWERS + "=reviewer," + ADMINS + "=admin");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OidcProviderStub.class));
    }
}
