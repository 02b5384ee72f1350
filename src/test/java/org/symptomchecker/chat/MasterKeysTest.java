package org.symptomchecker.chat;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.symptomchecker.SymptomConfig;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Master keys from configuration, refused with a message naming the setting; old values still read; values bound to their place. */
class MasterKeysTest {

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String H2 = "jdbc:h2:file:./data/symptom";

    @TempDir
    Path dir;

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static SymptomConfig.Conversation config(Optional<String> legacy, Map<String, String> keys, Map<String, String> files,
                                             Optional<String> active, Optional<Boolean> generatedAllowed) {
        SymptomConfig.Conversation c = Mockito.mock(SymptomConfig.Conversation.class);
        Mockito.when(c.masterKey()).thenReturn(legacy);
        Mockito.when(c.masterKeys()).thenReturn(keys);
        Mockito.when(c.masterKeyFiles()).thenReturn(files);
        Mockito.when(c.activeKeyId()).thenReturn(active);
        Mockito.when(c.generatedKeyAllowed()).thenReturn(generatedAllowed);
        return c;
    }

    static SymptomConfig.Conversation keys(Map<String, String> keys, String active) {
        return config(Optional.empty(), keys, Map.of(), Optional.ofNullable(active), Optional.empty());
    }

    static SymptomConfig.Conversation none(Optional<Boolean> generatedAllowed) {
        return config(Optional.empty(), Map.of(), Map.of(), Optional.empty(), generatedAllowed);
    }

    @Test
    void aPackagedServiceOnPostgresqlWithNoKeyRefusesToStartNamingTheSetting() {
        assertThatThrownBy(() -> MasterKeys.load(none(Optional.empty()), dir.toString(), LaunchMode.NORMAL, POSTGRES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("symptom.conversation.master-keys.<id>")
                .hasMessageContaining("symptom.conversation.generated-key-allowed");
        assertThat(dir.resolve(MasterKeys.GENERATED_FILE)).doesNotExist();
    }

    @Test
    void theGeneratedKeyIsKeptForTheEmbeddedDatabaseAndForDevAndTestOrWhenAllowed() throws Exception {
        MasterKeys h2 = MasterKeys.load(none(Optional.empty()), dir.toString(), LaunchMode.NORMAL, H2);
        assertThat(h2.generated()).isTrue();
        assertThat(h2.activeId()).isEqualTo(MasterKeys.LEGACY_ID);
        assertThat(dir.resolve(MasterKeys.GENERATED_FILE)).exists();
        // the same file, the same key, on the next start
        assertThat(MasterKeys.load(none(Optional.empty()), dir.toString(), LaunchMode.NORMAL, H2).checkValue("k0")).isEqualTo(h2.checkValue("k0"));

        assertThat(MasterKeys.load(none(Optional.empty()), dir.toString(), LaunchMode.TEST, POSTGRES).generated()).isTrue();
        assertThat(MasterKeys.load(none(Optional.empty()), dir.toString(), LaunchMode.DEVELOPMENT, POSTGRES).generated()).isTrue();
        assertThat(MasterKeys.load(none(Optional.of(true)), dir.toString(), LaunchMode.NORMAL, POSTGRES).generated()).isTrue();
        assertThatThrownBy(() -> MasterKeys.load(none(Optional.of(false)), dir.toString(), LaunchMode.TEST, H2))
                .hasMessageContaining("no conversation master key is configured");
        assertThat(MasterKeys.embedded("jdbc:h2:tcp://db/symptom")).isFalse();
    }

    @Test
    void keysComeFromTheMapFromFilesAndFromTheOldSingleSetting() throws Exception {
        String a = newKey();
        String b = newKey();
        Path file = Files.writeString(dir.resolve("kb.key"), b + "\n");
        MasterKeys keys = MasterKeys.load(config(Optional.of(a), Map.of(), Map.of("kb", file.toString()), Optional.of("kb"), Optional.empty()),
                dir.toString(), LaunchMode.NORMAL, POSTGRES);

        assertThat(keys.ids()).containsExactlyInAnyOrder("k0", "kb");
        assertThat(keys.activeId()).isEqualTo("kb");
        assertThat(keys.generated()).isFalse();
        assertThat(keys.checkValue("kb")).isEqualTo(MasterKeys.load(keys(Map.of("kb", b), null), dir.toString(), LaunchMode.NORMAL, POSTGRES)
                .checkValue("kb")).isNotEqualTo(keys.checkValue("k0"));
        assertThat(MasterKeys.load(config(Optional.of(a), Map.of(), Map.of(), Optional.empty(), Optional.empty()), dir.toString(),
                LaunchMode.NORMAL, POSTGRES).activeId()).isEqualTo("k0");
    }

    @Test
    void badKeySettingsAreRefusedWithTheSettingNamed() {
        String a = newKey();
        assertThatThrownBy(() -> MasterKeys.load(keys(Map.of("ka", a, "kb", newKey()), null), dir.toString(), LaunchMode.NORMAL, POSTGRES))
                .hasMessageContaining("symptom.conversation.active-key-id");
        assertThatThrownBy(() -> MasterKeys.load(keys(Map.of("ka", a), "kz"), dir.toString(), LaunchMode.NORMAL, POSTGRES))
                .hasMessageContaining("active-key-id is 'kz'");
        assertThatThrownBy(() -> MasterKeys.load(keys(Map.of("ka", "c2hvcnQ="), null), dir.toString(), LaunchMode.NORMAL, POSTGRES))
                .hasMessageContaining("symptom.conversation.master-keys.ka must be 32 bytes");
        assertThatThrownBy(() -> MasterKeys.load(keys(Map.of("ka", "not base64!"), null), dir.toString(), LaunchMode.NORMAL, POSTGRES))
                .hasMessageContaining("symptom.conversation.master-keys.ka is not base64");
        assertThatThrownBy(() -> MasterKeys.load(keys(Map.of("k a", a), null), dir.toString(), LaunchMode.NORMAL, POSTGRES))
                .hasMessageContaining("a key id is 1 to 32 letters");
        assertThatThrownBy(() -> MasterKeys.load(config(Optional.of(a), Map.of("k0", newKey()), Map.of(), Optional.empty(), Optional.empty()),
                dir.toString(), LaunchMode.NORMAL, POSTGRES)).hasMessageContaining("configured twice");
        assertThatThrownBy(() -> MasterKeys.load(config(Optional.empty(), Map.of(), Map.of("ka", dir.resolve("missing.key").toString()),
                Optional.empty(), Optional.empty()), dir.toString(), LaunchMode.NORMAL, POSTGRES))
                .hasMessageContaining("symptom.conversation.master-key-files.ka: cannot read the key file");
    }

    /** A value as versions before key ids wrote it: AES-GCM, IV first, no additional data, "v1:". */
    static String legacySeal(byte[] key, byte[] plain) throws Exception {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        byte[] sealed = c.doFinal(plain);
        return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
    }

    @Test
    void valuesOfEarlierVersionsStillReadAsWrappedByTheLegacyKeyAndAreRewrapped() throws Exception {
        String master = newKey();
        byte[] dataKey = new byte[32];
        new SecureRandom().nextBytes(dataKey);
        String wrapped = legacySeal(Base64.getDecoder().decode(master), dataKey);
        String text = legacySeal(dataKey, "my ankle is swollen".getBytes(StandardCharsets.UTF_8));

        MessageCipher old = new MessageCipher(MasterKeys.load(config(Optional.of(master), Map.of(), Map.of(), Optional.empty(), Optional.empty()),
                dir.toString(), LaunchMode.NORMAL, POSTGRES));
        assertThat(MessageCipher.keyIdOf(wrapped)).isEqualTo("k0");
        assertThat(old.decrypt("c1", wrapped, MessageCipher.message(0), text)).isEqualTo("my ankle is swollen");

        String b = newKey();
        MessageCipher rotating = new MessageCipher(MasterKeys.load(config(Optional.of(master), Map.of("kb", b), Map.of(), Optional.of("kb"),
                Optional.empty()), dir.toString(), LaunchMode.NORMAL, POSTGRES));
        String rewrapped = rotating.rewrap("c1", wrapped);
        assertThat(rewrapped).startsWith("v2:kb:");
        MessageCipher onlyB = new MessageCipher(MasterKeys.load(keys(Map.of("kb", b), null), dir.toString(), LaunchMode.NORMAL, POSTGRES));
        assertThat(onlyB.decrypt("c1", rewrapped, MessageCipher.message(0), text)).isEqualTo("my ankle is swollen");
        assertThatThrownBy(() -> onlyB.decrypt("c1", wrapped, MessageCipher.message(0), text)).hasMessageContaining("'k0' is not configured");
    }

    @Test
    void aValueDecryptsOnlyInTheConversationAndPlaceItWasWrittenFor() {
        MessageCipher cipher = new MessageCipher(MasterKeys.load(keys(Map.of("ka", newKey()), null), dir.toString(), LaunchMode.NORMAL, POSTGRES));
        String key = cipher.newWrappedKey("c1");
        String value = cipher.encrypt("c1", key, MessageCipher.message(3), "chest tightness");

        assertThat(value).startsWith("v2:").doesNotContain("chest");
        assertThat(cipher.decrypt("c1", key, MessageCipher.message(3), value)).isEqualTo("chest tightness");
        assertThatThrownBy(() -> cipher.decrypt("c1", key, MessageCipher.message(4), value)).hasMessageContaining("decryption failed");
        assertThatThrownBy(() -> cipher.decrypt("c1", key, MessageCipher.TRIAGE_STATE, value)).hasMessageContaining("decryption failed");
        // a wrapped key is bound to its conversation too: copied to another row it opens nothing
        assertThatThrownBy(() -> cipher.decrypt("c2", key, MessageCipher.message(3), value)).hasMessageContaining("decryption failed");
    }

    @Test
    void triageRecordRoundingMustDivideADayAndRetentionBePositive() {
        assertThatThrownBy(() -> ConversationPurge.checkRetention(Duration.ZERO)).hasMessageContaining("symptom.privacy.triage-record-retention");
        assertThat(ConversationPurge.checkRetention(Duration.ofDays(400))).isEqualTo(Duration.ofDays(400));
        assertThat(ConversationStore.roundingUnit(Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
        assertThat(ConversationStore.roundingUnit(Duration.ofDays(1))).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> ConversationStore.roundingUnit(Duration.ofMinutes(7))).hasMessageContaining("symptom.privacy.triage-record-rounding");
        assertThatThrownBy(() -> ConversationStore.roundingUnit(Duration.ofDays(2))).hasMessageContaining("symptom.privacy.triage-record-rounding");
        assertThatThrownBy(() -> ConversationStore.roundingUnit(Duration.ofMillis(1500))).hasMessageContaining("symptom.privacy.triage-record-rounding");
    }
}
