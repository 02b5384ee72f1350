package org.symptomchecker.console.security;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A random key for the console's session cookies when none is configured
 * ({@code quarkus.http.auth.session.encryption-key}): Quarkus would otherwise make one and write it into the log,
 * where anyone who reads the log could forge a session. Made once per start, held only in memory: sessions end with a
 * restart and do not move between instances until a shared key is configured (a secret; see README "Console
 * security"). Its ordinal is below every configured source, so a configured key always wins.
 */
public class SessionKeySource implements ConfigSource {

    static final String KEY = "quarkus.http.auth.session.encryption-key";
    private static final String VALUE;

    static {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        VALUE = Base64.getEncoder().encodeToString(key);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(KEY, VALUE);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? VALUE : null;
    }

    @Override
    public String getName() {
        return "symptom-console-session-key";
    }

    @Override
    public int getOrdinal() {
        return 10;
    }
}
