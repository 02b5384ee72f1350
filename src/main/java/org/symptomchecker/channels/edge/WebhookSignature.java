package org.symptomchecker.channels.edge;

import org.symptomchecker.api.ApiProblem;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * HMAC-SHA256 signatures of a platform's webhook, checked over the raw bytes received, in constant time,
 * before anything in the body is read.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    /** Lowercase hex of HMAC-SHA256(secret, the parts one after the other). */
    public static String hmacSha256Hex(String secret, byte[]... parts) {
        return HexFormat.of().formatHex(hmac("HmacSHA256", secret, parts));
    }

    /** The HMAC ({@code algorithm}, e.g. HmacSHA256 or Twilio's HmacSHA1) of the parts one after the other, keyed by the secret. */
    public static byte[] hmac(String algorithm, String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /**
     * Refuses the request unless {@code given} (the header, e.g. {@code sha256=ab12...}) equals {@code prefix}
     * followed by the expected hex: 401 when the header is missing, 403 when it does not match.
     */
    public static void require(String given, String prefix, String expectedHex, String headerName) {
        if (given == null || given.isBlank()) {
            throw new ApiProblem(401, "Unauthorized", "the " + headerName + " header is missing");
        }
        byte[] expected = (prefix + expectedHex).getBytes(StandardCharsets.UTF_8);
        byte[] actual = given.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new ApiProblem(403, "Forbidden", "the " + headerName + " signature does not match");
        }
    }

    /** The refusal of a channel whose secret is not set: it is off. */
    public static ApiProblem off(String channel) {
        return new ApiProblem(404, "Not Found", "the " + channel + " channel is not configured");
    }

    /** The refusal of a verified body that cannot be read. */
    public static ApiProblem malformed(String what) {
        return new ApiProblem(400, "Malformed request body", what);
    }
}
