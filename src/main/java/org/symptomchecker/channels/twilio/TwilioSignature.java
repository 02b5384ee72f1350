package org.symptomchecker.channels.twilio;

import org.symptomchecker.channels.edge.WebhookSignature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Twilio's request signature: Base64(HMAC-SHA1(auth token, the public URL it called followed by every POST
 * parameter sorted by name, each as name then value)), compared in constant time.
 */
final class TwilioSignature {

    private TwilioSignature() {
    }

    static String sign(String authToken, String url, List<Map.Entry<String, String>> params) {
        StringBuilder data = new StringBuilder(url);
        params.stream()
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue(Comparator.naturalOrder())))
                .forEach(p -> data.append(p.getKey()).append(p.getValue()));
        return Base64.getEncoder().encodeToString(
                WebhookSignature.hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static boolean valid(String authToken, String url, List<Map.Entry<String, String>> params, String given) {
        if (given == null || given.isBlank()) {
            return false;
        }
        byte[] expected = sign(authToken, url, params).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
