package org.symptomchecker.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex, for content hashes. */
final class Hashes {

    private Hashes() {
    }

    static String sha256(byte[] bytes) {
        return hex(newSha256().digest(bytes));
    }

    /** A SHA-256 digest to feed piece by piece (a file read as a stream). */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    static String sha256(String... parts) {
        return sha256(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
    }
}
