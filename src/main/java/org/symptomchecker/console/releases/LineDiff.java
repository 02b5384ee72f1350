package org.symptomchecker.console.releases;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts, as a reviewer reads it: lines kept, removed ("-") and added ("+"), with a few lines of
 * context around each change. The common head and tail are cut off first, so a one-line change in a large rule file
 * costs little; a middle too large to compare line by line is shown as removed, then added.
 */
public final class LineDiff {

    /** One line of the diff: {@code ' '} kept, {@code '-'} removed, {@code '+'} added, {@code '@'} a skipped stretch. */
    public record Line(char kind, int before, int after, String text) {
    }

    private static final int CONTEXT = 3;
    private static final long MAX_CELLS = 4_000_000;

    private LineDiff() {
    }

    public static List<Line> of(String before, String after) {
        List<String> a = before == null ? List.of() : before.lines().toList();
        List<String> b = after == null ? List.of() : after.lines().toList();
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Line> all = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            all.add(new Line(' ', i + 1, i + 1, a.get(i)));
        }
        middle(a.subList(head, a.size() - tail), b.subList(head, b.size() - tail), head, all);
        for (int i = 0; i < tail; i++) {
            int ai = a.size() - tail + i;
            int bi = b.size() - tail + i;
            all.add(new Line(' ', ai + 1, bi + 1, a.get(ai)));
        }
        return withContext(all);
    }

    private static void middle(List<String> a, List<String> b, int offset, List<Line> out) {
        int n = a.size();
        int m = b.size();
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                out.add(new Line('-', offset + i + 1, 0, a.get(i)));
            }
            for (int j = 0; j < m; j++) {
                out.add(new Line('+', 0, offset + j + 1, b.get(j)));
            }
            return;
        }
        // longest common subsequence, from the end, then read forwards
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(new Line(' ', offset + i + 1, offset + j + 1, a.get(i)));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Line('-', offset + i + 1, 0, a.get(i))); // a removal reads before the line that replaces it
                i++;
            } else {
                out.add(new Line('+', 0, offset + j + 1, b.get(j)));
                j++;
            }
        }
    }

    /** Only the changed lines and {@value #CONTEXT} lines around each; a skipped stretch becomes one '@' line. */
    private static List<Line> withContext(List<Line> all) {
        boolean[] keep = new boolean[all.size()];
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).kind() != ' ') {
                for (int c = Math.max(0, k - CONTEXT); c <= Math.min(all.size() - 1, k + CONTEXT); c++) {
                    keep[c] = true;
                }
            }
        }
        List<Line> out = new ArrayList<>();
        int skipped = 0;
        for (int k = 0; k < all.size(); k++) {
            if (keep[k]) {
                if (skipped > 0) {
                    out.add(new Line('@', 0, 0, skipped + " unchanged line(s)"));
                }
                skipped = 0;
                out.add(all.get(k));
            } else {
                skipped++;
            }
        }
        if (skipped > 0 && !out.isEmpty()) {
            out.add(new Line('@', 0, 0, skipped + " unchanged line(s)"));
        }
        return out;
    }
}
