package org.symptomchecker.admin;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.api.ApiProblem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The shared check of the X-Admin-Token header (constant time); admin calls are off without a token. */
@ApplicationScoped
public class AdminToken {

    private final SymptomConfig config;

    public AdminToken(SymptomConfig config) {
        this.config = config;
    }

    public void authorize(String token) {
        String expected = config.admin().token().orElse(null);
        if (expected == null || expected.isBlank()) {
            throw new ApiProblem(403, "Forbidden", "admin calls are switched off (set symptom.admin.token)");
        }
        if (token == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiProblem(401, "Unauthorized", "a valid X-Admin-Token header is required");
        }
    }
}
