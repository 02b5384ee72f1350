package org.symptomchecker.console.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.symptomchecker.console.ConsoleConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Double-submit CSRF tokens, signed for one user: the token is in a cookie the console's scripts can read
 * ({@value #COOKIE}) and must come back in the {@value #HEADER} header (or the {@value #FORM_FIELD} form field of a
 * console page's form). Another site can neither read the cookie nor forge a token for the signed-in user.
 */
@ApplicationScoped
public class CsrfTokens {

    public static final String COOKIE = "console-csrf";
    public static final String HEADER = "X-CSRF-Token";
    public static final String FORM_FIELD = "csrf";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();
    private final byte[] key;
    private final boolean secure;

    public CsrfTokens(ConsoleConfig config,
                      @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        this.secure = config.secureCookies();
        // derived from the session key when one is set, so every instance sharing it accepts the others' tokens
        this.key = sessionKey.filter(k -> !k.isBlank()).map(k -> sha256("console-csrf\n" + k)).orElseGet(() -> {
            byte[] k = new byte[32];
            random.nextBytes(k);
            return k;
        });
    }

    /** A new token for this user. */
    public String issue(String username) {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        String n = B64.encodeToString(nonce);
        return n + "." + sign(username, n);
    }

    /** The cookie's token when it is valid for this user (so open pages keep working), else a new one. */
    public String current(String username, String cookieValue) {
        return valid(username, cookieValue) ? cookieValue : issue(username);
    }

    /** Whether a state-changing request carries this user's token, the same in the cookie and in the header or field. */
    public boolean accepts(String username, String sent, String cookieValue) {
        return valid(username, sent) && cookieValue != null
                && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), cookieValue.getBytes(StandardCharsets.UTF_8));
    }

    public NewCookie cookie(String token) {
        return new NewCookie.Builder(COOKIE).value(token).path("/").secure(secure).httpOnly(false)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    private boolean valid(String username, String token) {
        if (username == null || token == null || token.length() > 200) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        String expected = sign(username, token.substring(0, dot));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.substring(dot + 1).getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String username, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal((username + "\n" + nonce).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
