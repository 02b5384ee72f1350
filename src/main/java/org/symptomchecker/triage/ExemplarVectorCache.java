package org.symptomchecker.triage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Exemplar vectors on disk, keyed by the hash of the model id and the text: a restart, or a reload that
 * changed a few exemplars, embeds only texts it has never seen. A missing or unreadable file is simply
 * rebuilt.
 */
public final class ExemplarVectorCache {

    private static final int MAGIC = 0x53434556; // "SCEV"
    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();
    private long embedded;

    public ExemplarVectorCache(Path dir, String modelId) {
        this.file = dir.resolve("exemplar-vectors-" + hash(modelId).substring(0, 12) + ".bin");
        read();
    }

    /** The vectors of these texts, embedding (and storing) only those not cached yet. */
    public synchronized List<float[]> vectors(List<String> texts, SentenceEncoder encoder) {
        List<String> missing = new ArrayList<>();
        for (String t : texts) {
            if (!vectors.containsKey(hash(t)) && !missing.contains(t)) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> fresh = encoder.encodeAll(missing);
            for (int i = 0; i < missing.size(); i++) {
                vectors.put(hash(missing.get(i)), fresh.get(i));
            }
            embedded += missing.size();
            write();
        }
        List<float[]> out = new ArrayList<>(texts.size());
        texts.forEach(t -> out.add(vectors.get(hash(t))));
        return out;
    }

    /** Texts embedded by this cache since it was opened: zero after a restart with an unchanged bank. */
    public synchronized long embedded() {
        return embedded;
    }

    private void read() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                return;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                float[] v = new float[in.readInt()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = in.readFloat();
                }
                vectors.put(key, v);
            }
        } catch (IOException e) {
            vectors.clear(); // a damaged cache is rebuilt, never trusted in part
        }
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(MAGIC);
                out.writeInt(vectors.size());
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (float x : e.getValue()) {
                        out.writeFloat(x);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the exemplar vector cache " + file, e);
        }
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
