package org.symptomchecker.chat;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.SymptomConfig;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM for message text. Each conversation has its own data key, stored wrapped (encrypted) by the
 * deployment's master key; erasing the conversation deletes its data key, which makes every copy of its
 * text unreadable.
 */
@ApplicationScoped
public class MessageCipher {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey master;

    public MessageCipher(SymptomConfig config) {
        this.master = masterKey(config);
    }

    /** A new data key for a conversation, wrapped by the master key, as text for storage. */
    public String newWrappedKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return PREFIX + Base64.getEncoder().encodeToString(seal(master, generator.generateKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a conversation key", e);
        }
    }

    public String encrypt(String wrappedKey, String text) {
        return PREFIX + Base64.getEncoder().encodeToString(seal(unwrap(wrappedKey), text.getBytes(StandardCharsets.UTF_8)));
    }

    public String decrypt(String wrappedKey, String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("message text is not in the expected encrypted form");
        }
        return new String(open(unwrap(wrappedKey), Base64.getDecoder().decode(stored.substring(PREFIX.length()))), StandardCharsets.UTF_8);
    }

    private SecretKey unwrap(String wrappedKey) {
        return new SecretKeySpec(open(master, Base64.getDecoder().decode(wrappedKey.substring(PREFIX.length()))), "AES");
    }

    private static byte[] seal(SecretKey key, byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static byte[] open(SecretKey key, byte[] ivAndSealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ivAndSealed, 0, IV_BYTES));
            return cipher.doFinal(ivAndSealed, IV_BYTES, ivAndSealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong key or altered text)", e);
        }
    }

    /** The master key from configuration, or one generated once and kept in the data folder (owner-only). */
    private static SecretKey masterKey(SymptomConfig config) {
        if (config.conversation().masterKey().isPresent()) {
            byte[] key = Base64.getDecoder().decode(config.conversation().masterKey().get().strip());
            if (key.length != 32) {
                throw new IllegalStateException("symptom.conversation.master-key must be 32 bytes, base64");
            }
            return new SecretKeySpec(key, "AES");
        }
        Path file = Path.of(config.dataDir(), "conversation-master.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the file keeps its default permissions
                }
            }
            return new SecretKeySpec(Base64.getDecoder().decode(Files.readString(file).strip()), "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the conversation master key at " + file, e);
        }
    }
}
