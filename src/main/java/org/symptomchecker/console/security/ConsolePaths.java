package org.symptomchecker.console.security;

import java.util.ArrayDeque;
import java.util.Deque;

/** Which requests belong to the console, judged on the normalised path (no "//", "." or ".." tricks). */
public final class ConsolePaths {

    public static final String API = "/api/v1/admin/content";
    public static final String PAGES = "/console";
    public static final String LOGIN = "/console/login";

    private ConsolePaths() {
    }

    public static boolean isApi(String path) {
        return under(normalise(path), API);
    }

    public static boolean isPage(String path) {
        return under(normalise(path), PAGES);
    }

    static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    /** The path with empty and "." segments dropped and ".." applied, as the router resolves it. */
    static String normalise(String path) {
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : (path == null ? "" : path).split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(segment);
            }
        }
        return "/" + String.join("/", kept);
    }
}
