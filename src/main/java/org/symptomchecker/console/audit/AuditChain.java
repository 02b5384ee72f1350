package org.symptomchecker.console.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** The hash that links an audit entry to the one before it. */
final class AuditChain {

    /** The "previous hash" of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditChain() {
    }

    /**
     * SHA-256 (hex) over the previous hash and the entry as a JSON array of its fields in a fixed order: JSON escaping
     * keeps field boundaries unambiguous, so no two different entries serialise alike.
     */
    static String hash(String prevHash, long seq, long atMillis, String actor, String action, String target,
                       String beforeJson, String afterJson) {
        try {
            String canonical = JSON.writeValueAsString(Arrays.asList(seq, atMillis, actor, action, target, beforeJson, afterJson));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '\n');
            sha.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("audit entry cannot be hashed", e);
        }
    }

    static String hash(AuditEntry e) {
        return hash(e.prevHash, e.seq, e.atMillis, e.actor, e.action, e.target, e.beforeJson, e.afterJson);
    }
}
