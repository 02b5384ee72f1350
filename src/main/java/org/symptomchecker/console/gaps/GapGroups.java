package org.symptomchecker.console.gaps;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Questions grouped by similar wording, so the content team sees "12 people asked about heartburn" rather than 12
 * rows: two questions are alike when the shorter one shares at least 60% of its words (without the words every
 * question has) with the other.
 */
public final class GapGroups {

    /** Words that say nothing of what a question is about. */
    private static final Set<String> COMMON = Set.of("a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for",
            "with", "about", "is", "are", "was", "be", "do", "does", "did", "have", "has", "had", "can", "could", "should",
            "would", "will", "how", "what", "whats", "why", "when", "where", "who", "which", "i", "im", "ive", "me", "my",
            "you", "your", "it", "its", "this", "that", "there", "any", "some", "get", "got", "really", "just", "so", "if",
            "but", "not", "dont", "no", "yes", "please", "help", "name", "phone", "address", "date", "email", "after", "before",
            "keep", "getting", "again", "still", "every", "from", "all", "much", "very", "been", "am", "we", "us", "our");
    static final double ALIKE = 0.6;

    /** A group: the first question seen as its example, how many, and the kinds among them. */
    public record Group(String example, int count, Map<String, Integer> kinds, List<String> questions) {
    }

    private GapGroups() {
    }

    /** Words of a question, lower case, without the common ones. */
    static Set<String> words(String question) {
        Set<String> out = new HashSet<>();
        if (question == null) {
            return out;
        }
        for (String w : question.toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "").split("[^a-z0-9]+")) {
            if (w.length() > 1 && !COMMON.contains(w)) {
                out.add(w.length() > 4 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }

    static double alike(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.equals(b) ? 1 : 0;
        }
        Set<String> shared = new HashSet<>(a);
        shared.retainAll(b);
        return (double) shared.size() / Math.min(a.size(), b.size());
    }

    /** Groups (question, kind) pairs in the order given; groups with more questions first. */
    public static List<Group> of(List<Map.Entry<String, String>> questions, int examplesPerGroup) {
        List<Set<String>> keys = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        List<List<String>> members = new ArrayList<>();
        List<Map<String, Integer>> kinds = new ArrayList<>();
        for (Map.Entry<String, String> q : questions) {
            Set<String> w = words(q.getKey());
            int at = -1;
            for (int g = 0; g < keys.size() && at < 0; g++) {
                if (alike(keys.get(g), w) >= ALIKE) {
                    at = g;
                }
            }
            if (at < 0) {
                keys.add(w);
                examples.add(q.getKey());
                members.add(new ArrayList<>());
                kinds.add(new LinkedHashMap<>());
                at = keys.size() - 1;
            }
            if (members.get(at).size() < examplesPerGroup) {
                members.get(at).add(q.getKey());
            }
            kinds.get(at).merge(q.getValue(), 1, Integer::sum);
        }
        List<Group> out = new ArrayList<>();
        for (int g = 0; g < keys.size(); g++) {
            int count = kinds.get(g).values().stream().mapToInt(Integer::intValue).sum();
            out.add(new Group(examples.get(g), count, kinds.get(g), members.get(g)));
        }
        out.sort((x, y) -> Integer.compare(y.count(), x.count()));
        return out;
    }
}
