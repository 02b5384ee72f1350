package org.symptomchecker.channels;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A channel's own words, worded by the content team in a {@code key=value} file under {@code prompts/}: read once
 * at start, every expected key present and not empty (else the start fails naming the file and key).
 */
public final class ChannelTexts {

    private ChannelTexts() {
    }

    public static Map<String, String> load(Path file, Set<String> keys) {
        return load(file, keys, Set.of());
    }

    /** The {@code keys} (each required) and those of {@code optional} the file has, not empty. */
    public static Map<String, String> load(Path file, Set<String> keys, Set<String> optional) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("the channel texts " + file.toAbsolutePath() + " cannot be read", e);
        }
        Map<String, String> out = new TreeMap<>();
        for (String key : keys) {
            String value = p.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(file + ": the string '" + key + "' is missing or empty");
            }
            out.put(key, value.strip());
        }
        for (String key : optional) {
            String value = p.getProperty(key);
            if (value != null && !value.isBlank()) {
                out.put(key, value.strip());
            }
        }
        return Map.copyOf(out);
    }

    /** The text with each {@code {{name}}} replaced by its value. */
    public static String fill(String text, Map<String, String> values) {
        String out = text;
        for (Map.Entry<String, String> v : values.entrySet()) {
            out = out.replace("{{" + v.getKey() + "}}", v.getValue());
        }
        return out;
    }
}
