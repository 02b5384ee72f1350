package org.symptomchecker.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Content as files: a release's items are the text files under the content roots, named by their path with '/'
 * ({@code guardrails/rules.yaml}, {@code prompts/reply/greeting.txt}, {@code corpus/shingles.md}).
 */
public final class ContentFiles {

    /** The content roots, in the order a release lists them. */
    public static final List<String> ROOTS = List.of("prompts", "guardrails", "corpus");

    private ContentFiles() {
    }

    /** Every regular file under {@code folder}, as path (with {@code prefix}) to text; sorted by path. */
    public static Map<String, String> read(Path folder, String prefix) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = folder.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                if (rel.startsWith(".") || rel.contains("/.")) {
                    continue; // editor and system leftovers are not content
                }
                out.put(prefix + "/" + rel, Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("content folder " + folder + " cannot be read", e);
        }
        return out;
    }

    /**
     * The copy of a content root packaged inside the application at build time ({@code shipped-content/<root>} on the
     * class path, from a folder or from the application's jar), as {@link #read} gives it; empty when there is none.
     */
    public static Map<String, String> readShipped(String root) {
        java.net.URL url = ContentFiles.class.getClassLoader().getResource("shipped-content/" + root);
        if (url == null) {
            return new TreeMap<>();
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return read(Path.of(url.toURI()), root);
            }
            String whole = url.toString();
            int inside = whole.indexOf("!/");
            if (!"jar".equals(url.getProtocol()) || inside < 0) {
                throw new IllegalStateException("the shipped content cannot be read from " + url.getProtocol() + " resources");
            }
            java.net.URI jar = java.net.URI.create(whole.substring(0, inside));
            java.nio.file.FileSystem fs;
            try {
                fs = java.nio.file.FileSystems.newFileSystem(jar, Map.of());
            } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                fs = java.nio.file.FileSystems.getFileSystem(jar);
            }
            return read(fs.getPath(whole.substring(inside + 1)), root);
        } catch (java.net.URISyntaxException | IOException e) {
            throw new IllegalStateException("the shipped content " + root + " cannot be read", e);
        }
    }

    /**
     * Writes items into a new folder: written beside it first, then moved into place, so a reader never sees half a
     * release. An existing folder of that name is left as it is (a release never changes).
     */
    public static void write(Map<String, String> items, Path folder) {
        if (Files.isDirectory(folder)) {
            return;
        }
        Path staging = folder.resolveSibling(folder.getFileName() + ".part-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            for (Map.Entry<String, String> e : items.entrySet()) {
                Path f = staging.resolve(safe(e.getKey()));
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
            }
            for (String root : ROOTS) {
                Files.createDirectories(staging.resolve(root));
            }
            Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            delete(staging); // another thread wrote the same release first
        } catch (IOException e) {
            delete(staging);
            throw new UncheckedIOException("content cannot be written to " + folder, e);
        }
    }

    /** An item path as a relative file path: no absolute paths, no "..", no empty parts. */
    public static String safe(String path) {
        if (path == null || path.isBlank() || path.startsWith("/") || path.contains("\\") || path.contains("\u0000")) {
            throw new IllegalArgumentException("content path '" + path + "' is not a relative path with '/'");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("content path '" + path + "' has an empty, '.' or '..' part");
            }
        }
        String root = path.substring(0, path.indexOf('/') < 0 ? path.length() : path.indexOf('/'));
        if (!ROOTS.contains(root) || !path.contains("/")) {
            throw new IllegalArgumentException("content path '" + path + "' must be under one of " + ROOTS);
        }
        return path;
    }

    /** Deletes a folder written by {@link #write} (a gate's scratch copy); what cannot be deleted stays. */
    public static void deleteFolder(Path folder) {
        delete(folder);
    }

    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a leftover staging folder is harmless; the next write uses a new name
        }
    }

    public static String sha256(String text) {
        return hex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A release's content hash: over its paths and their bodies' hashes, in path order. */
    public static String hashOf(Map<String, String> itemHashes) {
        MessageDigest d = digest();
        new TreeMap<>(itemHashes).forEach((path, hash) -> {
            d.update(path.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(hash.getBytes(StandardCharsets.UTF_8));
            d.update((byte) '\n');
        });
        return hex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
