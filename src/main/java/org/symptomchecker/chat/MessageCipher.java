package org.symptomchecker.chat;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.symptomchecker.SymptomConfig;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM for message text and other conversation data. Each conversation has its own data key, stored
 * wrapped (encrypted) by a master key whose id the wrapped value names; erasing the conversation deletes its data
 * key, which makes every copy of its text unreadable. Values are bound to their conversation and place (additional
 * authenticated data), so a value copied elsewhere does not decrypt.
 *
 * <p>Formats: wrapped keys {@code v2:<keyId>:<base64>} (bound to the conversation id), or {@code v1:<base64>}
 * (earlier versions: key id k0, unbound); values {@code v2:<base64>} (bound to conversation and place), or
 * {@code v1:<base64>} (earlier versions, unbound).
 */
@ApplicationScoped
public class MessageCipher {

    private static final String V1 = "v1:";
    private static final String V2 = "v2:";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the triage state is kept (its additional authenticated data). */
    public static final String TRIAGE_STATE = "triage-state";
    /** Where age, sex and interview are kept. */
    public static final String HEALTH = "health";

    private final MasterKeys keys;

    @Inject
    public MessageCipher(SymptomConfig config) {
        this.keys = MasterKeys.load(config.conversation(), config.dataDir(), LaunchMode.current(),
                ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class).orElse(null));
    }

    /** With keys of one's own (re-wrapping under other keys, tests). */
    MessageCipher(MasterKeys keys) {
        this.keys = keys;
    }

    public MasterKeys keys() {
        return keys;
    }

    /** The place of message {@code seq} (its additional authenticated data). */
    public static String message(int seq) {
        return "message:" + seq;
    }

    /** A new data key for a conversation, wrapped by the active master key, as text for storage. */
    public String newWrappedKey(String conversationId) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return wrap(conversationId, generator.generateKey().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a conversation key", e);
        }
    }

    /** The id of the master key that wraps a stored conversation key. */
    public static String keyIdOf(String wrappedKey) {
        if (wrappedKey.startsWith(V1)) {
            return MasterKeys.LEGACY_ID;
        }
        int end = wrappedKey.indexOf(':', V2.length());
        if (!wrappedKey.startsWith(V2) || end < 0) {
            throw new IllegalStateException("conversation key is not in a known wrapped form");
        }
        return wrappedKey.substring(V2.length(), end);
    }

    /** How every conversation key wrapped by master key {@code keyId} begins. */
    public static String wrappedPrefix(String keyId) {
        return keyId.equals(MasterKeys.LEGACY_ID) ? V1 : V2 + keyId + ":";
    }

    /** The same data key wrapped by the active master key. */
    public String rewrap(String conversationId, String wrappedKey) {
        return wrap(conversationId, unwrap(conversationId, wrappedKey).getEncoded());
    }

    public String encrypt(String conversationId, String wrappedKey, String place, String text) {
        return V2 + Base64.getEncoder().encodeToString(seal(unwrap(conversationId, wrappedKey),
                text.getBytes(StandardCharsets.UTF_8), aad(conversationId, place)));
    }

    public String decrypt(String conversationId, String wrappedKey, String place, String stored) {
        SecretKey key = unwrap(conversationId, wrappedKey);
        byte[] plain;
        if (stored.startsWith(V2)) {
            plain = open(key, Base64.getDecoder().decode(stored.substring(V2.length())), aad(conversationId, place));
        } else if (stored.startsWith(V1)) {
            plain = open(key, Base64.getDecoder().decode(stored.substring(V1.length())), null);
        } else {
            throw new IllegalStateException("stored text is not in the expected encrypted form");
        }
        return new String(plain, StandardCharsets.UTF_8);
    }

    private String wrap(String conversationId, byte[] dataKey) {
        return V2 + keys.activeId() + ":" + Base64.getEncoder().encodeToString(seal(keys.active(), dataKey, keyAad(conversationId)));
    }

    private SecretKey unwrap(String conversationId, String wrappedKey) {
        byte[] plain;
        if (wrappedKey.startsWith(V1)) {
            plain = open(keys.key(MasterKeys.LEGACY_ID), Base64.getDecoder().decode(wrappedKey.substring(V1.length())), null);
        } else {
            String id = keyIdOf(wrappedKey);
            plain = open(keys.key(id), Base64.getDecoder().decode(wrappedKey.substring(V2.length() + id.length() + 1)), keyAad(conversationId));
        }
        return new SecretKeySpec(plain, "AES");
    }

    private static byte[] keyAad(String conversationId) {
        return aad(conversationId, "conversation-key");
    }

    private static byte[] aad(String conversationId, String place) {
        return (conversationId + "\u0000" + place).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] seal(SecretKey key, byte[] plain, byte[] aad) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static byte[] open(SecretKey key, byte[] ivAndSealed, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ivAndSealed, 0, IV_BYTES));
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(ivAndSealed, IV_BYTES, ivAndSealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong key, altered text, or a value moved from another conversation or place)");
        }
    }

    /**
     * What a channel outbox row's data key is bound to (its channel and delivery): here, beside the cipher, so that
     * the key rotation in this package and the channels that write the rows name it alike.
     */
    public static String outboxOwner(String channel, String deliveryId) {
        return "outbox\u0000" + channel + "\u0000" + deliveryId;
    }
}
