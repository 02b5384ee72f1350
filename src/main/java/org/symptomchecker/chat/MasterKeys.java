package org.symptomchecker.chat;

import io.quarkus.runtime.LaunchMode;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The master keys that wrap conversation keys, by id, and which one wraps new ones. Read from configuration;
 * with none configured, a key generated once into the data folder (id {@link #LEGACY_ID}) where that is allowed.
 */
public final class MasterKeys {

    /** The id of the single key of earlier versions (symptom.conversation.master-key, or the generated one). */
    public static final String LEGACY_ID = "k0";
    static final String GENERATED_FILE = "conversation-master.key";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final byte[] CHECK_LABEL = "symptom-checker master key check v1".getBytes(StandardCharsets.UTF_8);
    private static final Logger LOG = Logger.getLogger(MasterKeys.class);

    private final Map<String, SecretKey> keys;
    private final String activeId;
    private final boolean generated;

    MasterKeys(Map<String, SecretKey> keys, String activeId, boolean generated) {
        this.keys = Map.copyOf(keys);
        this.activeId = activeId;
        this.generated = generated;
    }

    public String activeId() {
        return activeId;
    }

    public Set<String> ids() {
        return keys.keySet();
    }

    /** Whether the key was generated into the data folder (none configured). */
    public boolean generated() {
        return generated;
    }

    SecretKey key(String id) {
        SecretKey key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("master key '" + id + "' is not configured (symptom.conversation.master-keys." + id + ")");
        }
        return key;
    }

    SecretKey active() {
        return key(activeId);
    }

    /** A value that shows which key an id stands for without revealing it: an HMAC of a fixed label. */
    String checkValue(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(id).getEncoded(), "HmacSHA256"));
            return "h1:" + Base64.getEncoder().encodeToString(mac.doFinal(CHECK_LABEL));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a master key check value", e);
        }
    }

    /**
     * The keys as configured. Refused with a message naming the setting: a malformed key or id, an active id that is
     * not configured, or no key where a generated one is not allowed.
     */
    static MasterKeys load(SymptomConfig.Conversation config, String dataDir, LaunchMode mode, String jdbcUrl) {
        Map<String, SecretKey> keys = new TreeMap<>();
        config.masterKey().ifPresent(value -> keys.put(LEGACY_ID, decode(value, "symptom.conversation.master-key")));
        config.masterKeys().forEach((id, value) -> put(keys, id, decode(value, "symptom.conversation.master-keys." + id),
                "symptom.conversation.master-keys." + id));
        config.masterKeyFiles().forEach((id, file) -> {
            String setting = "symptom.conversation.master-key-files." + id;
            String value;
            try {
                value = Files.readString(Path.of(file));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(setting + ": cannot read the key file " + file + " (" + e.getClass().getSimpleName() + ")");
            }
            put(keys, id, decode(value, setting + " (" + file + ")"), setting);
        });
        if (keys.isEmpty()) {
            boolean allowed = config.generatedKeyAllowed().orElse(mode != LaunchMode.NORMAL || embedded(jdbcUrl));
            if (!allowed) {
                throw new IllegalStateException("no conversation master key is configured: set symptom.conversation.master-keys.<id>"
                        + " (or symptom.conversation.master-key-files.<id>) from a secret, the same on every instance. A key generated"
                        + " beside a shared database would differ per instance and lose the others' conversations"
                        + " (symptom.conversation.generated-key-allowed=true allows it anyway)");
            }
            if (config.activeKeyId().isPresent() && !config.activeKeyId().get().equals(LEGACY_ID)) {
                throw new IllegalStateException("symptom.conversation.active-key-id is '" + config.activeKeyId().get()
                        + "' but no master key is configured");
            }
            LOG.warnf("no conversation master key configured: using the key generated in the data folder (%s); "
                    + "set symptom.conversation.master-keys.<id> before several instances share a database", GENERATED_FILE);
            return new MasterKeys(Map.of(LEGACY_ID, generatedKey(Path.of(dataDir, GENERATED_FILE))), LEGACY_ID, true);
        }
        String active;
        if (config.activeKeyId().isPresent()) {
            active = config.activeKeyId().get().strip();
            if (!keys.containsKey(active)) {
                throw new IllegalStateException("symptom.conversation.active-key-id is '" + active + "', which is not a configured key (configured: "
                        + String.join(", ", keys.keySet()) + ")");
            }
        } else if (keys.size() == 1) {
            active = keys.keySet().iterator().next();
        } else {
            throw new IllegalStateException("several conversation master keys are configured (" + String.join(", ", keys.keySet())
                    + "): set symptom.conversation.active-key-id to the one that wraps new conversation keys");
        }
        return new MasterKeys(keys, active, false);
    }

    /** The embedded H2 database of one instance (a file or memory), not a server several instances share. */
    static boolean embedded(String jdbcUrl) {
        if (jdbcUrl == null) {
            return false;
        }
        String url = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }

    private static void put(Map<String, SecretKey> keys, String id, SecretKey key, String setting) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalStateException(setting + ": a key id is 1 to 32 letters, digits, '-' or '_'");
        }
        if (keys.containsKey(id)) {
            throw new IllegalStateException(setting + ": key id '" + id + "' is configured twice"
                    + (id.equals(LEGACY_ID) ? " (symptom.conversation.master-key is key id " + LEGACY_ID + ")" : ""));
        }
        keys.put(id, key);
    }

    private static SecretKey decode(String value, String setting) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes, base64 (it has " + key.length + ")");
        }
        return new SecretKeySpec(key, "AES");
    }

    /** The key in the data folder, made on first use and readable by the owner only. */
    private static SecretKey generatedKey(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the file keeps its default permissions
                }
            }
            return decode(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the conversation master key at " + file + " (" + e.getMessage() + ")");
        }
    }
}
