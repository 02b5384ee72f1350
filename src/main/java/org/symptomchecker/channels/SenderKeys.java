package org.symptomchecker.channels;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.SymptomConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A person on a platform is stored only as HMAC-SHA256(key, channel, sender): the same person maps to the same
 * row, and the row does not give the number or user id back. The key comes from {@code symptom.channels.sender-key}
 * or, when unset, is made once and kept owner-only in the data folder ({@code channel-sender.key}).
 */
@ApplicationScoped
public class SenderKeys {

    private final SecretKeySpec key;

    public SenderKeys(ChannelsConfig channels, SymptomConfig config) {
        this.key = new SecretKeySpec(load(channels, Path.of(config.dataDir(), "channel-sender.key")), "HmacSHA256");
    }

    /** 64 hex characters naming the channel's sender. */
    public String of(String channel, String sender) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(channel.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(sender.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] load(ChannelsConfig channels, Path file) {
        if (channels.senderKey().isPresent()) {
            byte[] configured = Base64.getDecoder().decode(channels.senderKey().get().strip());
            if (configured.length < 32) {
                throw new IllegalStateException("symptom.channels.sender-key must be at least 32 bytes, base64");
            }
            return configured;
        }
        try {
            if (Files.notExists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, Base64.getEncoder().encode(fresh), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // a file system without POSIX permissions keeps its defaults
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the channel sender key at " + file, e);
        }
    }
}
