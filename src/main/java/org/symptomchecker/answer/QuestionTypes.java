package org.symptomchecker.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What kind of answer a question asks for (what it is, symptoms, causes, treatment, exercises, how long, when to
 * see a doctor, prevention, risk) and how to tell a passage or sentence that gives it. The words are content:
 * {@code prompts/answer/question-types.yaml}, read once at start.
 */
public final class QuestionTypes {

    /** One type: its name, how a reply says it, and its cue phrases, each a list of folded words. */
    public record Type(String id, String say, List<List<String>> asks, List<List<String>> headings, List<List<String>> signals) {
    }

    private final List<Type> types;
    private final List<List<String>> leansOnPrevious;
    private final List<String> ignore;
    private final List<String> refersBackEarly;
    private final int refersBackWithin;

    QuestionTypes(List<Type> types, List<List<String>> leansOnPrevious, List<String> ignore, List<String> refersBackEarly,
                  int refersBackWithin) {
        this.types = List.copyOf(types);
        this.leansOnPrevious = List.copyOf(leansOnPrevious);
        this.ignore = List.copyOf(ignore);
        this.refersBackEarly = List.copyOf(refersBackEarly);
        this.refersBackWithin = refersBackWithin;
    }

    /** Words that say nothing of a question's focus ("how", "does", "my"), as written in the file. */
    public List<String> ignore() {
        return ignore;
    }

    public static QuestionTypes load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("the question types " + file.toAbsolutePath() + " cannot be read", e);
        }
        if (root == null || !root.path("types").isObject()) {
            throw new IllegalStateException(file + ": 'types' must be a mapping of type ids to their cue words");
        }
        List<Type> types = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("types").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode t = e.getValue();
            String say = t.path("say").asText("").strip();
            if (say.isEmpty()) {
                throw new IllegalStateException(file + ": type '" + e.getKey() + "' has no 'say'");
            }
            types.add(new Type(e.getKey(), say, phrases(file, e.getKey() + ".asks", t.path("asks")),
                    phrases(file, e.getKey() + ".headings", t.path("headings")), phrases(file, e.getKey() + ".signals", t.path("signals"))));
        }
        phrases(file, "ignore", root.path("ignore")); // checked like the others; kept as written, for the analyzer
        List<String> ignore = new ArrayList<>();
        root.path("ignore").forEach(n -> ignore.add(n.asText("").strip()));
        List<String> early = new ArrayList<>();
        phrases(file, "refers-back-early", root.path("refers-back-early")).forEach(p -> early.addAll(p));
        int within = root.path("refers-back-within-words").asInt(0);
        if (within < 1) {
            throw new IllegalStateException(file + ": 'refers-back-within-words' must be a whole number of at least 1");
        }
        return new QuestionTypes(types, phrases(file, "leans-on-previous", root.path("leans-on-previous")), ignore, early, within);
    }

    private static List<List<String>> phrases(Path file, String where, JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalStateException(file + ": '" + where + "' must be a non-empty list of phrases");
        }
        List<List<String>> out = new ArrayList<>();
        for (JsonNode n : list) {
            List<String> words = words(n.asText(""));
            if (words.isEmpty()) {
                throw new IllegalStateException(file + ": '" + where + "' holds an empty phrase");
            }
            out.add(words);
        }
        return out;
    }

    public List<Type> types() {
        return types;
    }

    /** The question's type: the first type (in file order) one of whose phrases it holds; null when none does. */
    public Type of(String question) {
        List<String> words = words(question);
        for (Type t : types) {
            if (t.asks().stream().anyMatch(p -> contains(words, p))) {
                return t;
            }
        }
        return null;
    }

    /** How strongly a heading or a question-form title names this type: 1 when it holds one of its heading or asking phrases. */
    public static boolean names(Type type, String heading) {
        if (heading == null || heading.isBlank()) {
            return false;
        }
        List<String> words = words(heading);
        return type.headings().stream().anyMatch(p -> contains(words, p)) || type.asks().stream().anyMatch(p -> contains(words, p));
    }

    /** How many of the type's signal phrases the text holds (each counted once). */
    public static int signals(Type type, String text) {
        List<String> words = words(text);
        int n = 0;
        for (List<String> p : type.signals()) {
            if (contains(words, p)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Whether a sentence leans on the one before it: it opens with such a word ("These", "However", "It"), or a word
     * that points back ("these", "such", "additional") comes among its first words.
     */
    public boolean leansOnPrevious(String sentence) {
        List<String> words = words(sentence);
        for (List<String> p : leansOnPrevious) {
            if (words.size() >= p.size() && words.subList(0, p.size()).equals(p)) {
                return true;
            }
        }
        for (String w : words.subList(0, Math.min(words.size(), refersBackWithin))) {
            if (refersBackEarly.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case words, apostrophes dropped, each folded so that plurals and -ing/-ed forms meet. */
    static List<String> words(String text) {
        // one pass over the lower-cased text (no regular expression: this runs for every passage a question finds);
        // a word is a run of a-z, 0-9 and &, and an apostrophe inside it is dropped ("don't" is "dont")
        String t = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '&') {
                word.append(c);
            } else if (c != '\'' && c != '\u2019' && word.length() > 0) {
                out.add(fold(word.toString()));
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            out.add(fold(word.toString()));
        }
        return out;
    }

    static String fold(String w) {
        String s = w;
        if (s.length() > 4 && s.endsWith("ies")) {
            s = s.substring(0, s.length() - 3) + "y";
        } else if (s.length() > 3 && s.endsWith("s") && !s.endsWith("ss")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() > 5 && s.endsWith("ing")) {
            s = s.substring(0, s.length() - 3);
        } else if (s.length() > 4 && s.endsWith("ed")) {
            s = s.substring(0, s.length() - 2);
        }
        if (s.length() > 3 && s.endsWith("e")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static boolean contains(List<String> words, List<String> phrase) {
        outer:
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) {
                if (!words.get(i + j).equals(phrase.get(j))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
