package org.symptomchecker.llm;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The language model's prompts, content the content team owns: {@code prompts/llm/system.txt} (the system prompt)
 * and {@code prompts/llm/answer.txt} (the user message: {@code {{question}}}, the redacted question, and
 * {@code {{passages}}}, the numbered vetted passages) and {@code prompts/llm/reprompt.txt} (sent once when a reply
 * fails the grounding check: {@code {{reason}}}). Read again when a file's modification time or size changes
 * (checked on every call: two file attribute reads), so an edit needs no rebuild. {@link Prompts#hash()} (the first
 * 12 hex digits of the SHA-256 of the three files) is recorded on every reply that used them.
 */
@ApplicationScoped
public class LlmPrompts {

    /** The prompts in use and their content hash. */
    public record Prompts(String system, String answer, String reprompt, String hash) {

        /** The message that asks the model once more, after its reply failed the check. */
        public String reprompt(String reason) {
            return reprompt.replace("{{reason}}", reason);
        }

        /** The user message for a question and the numbered passages. */
        public String render(String question, String passages) {
            return answer.replace("{{question}}", question).replace("{{passages}}", passages);
        }
    }

    private record Stamp(Path folder, FileTime systemTime, long systemSize, FileTime answerTime, long answerSize,
                         FileTime repromptTime, long repromptSize) {
    }

    /** The prompts of the model call under way on this thread (so one call uses one version throughout). */
    private static final ThreadLocal<Prompts> IN_USE = new ThreadLocal<>();

    /** The prompts/llm folder of the content in use (it changes with a published release). */
    private final java.util.function.Supplier<Path> dir;
    private volatile Stamp stamp;
    private volatile Prompts prompts;

    @jakarta.inject.Inject
    public LlmPrompts(org.symptomchecker.content.ActiveContent content) {
        // a preview's lens, when one is on, names the draft's prompts
        this.dir = () -> {
            org.symptomchecker.content.ContentLens lens = org.symptomchecker.content.ContentLens.current();
            return (lens != null ? lens.folders() : content.folders()).prompts().resolve("llm");
        };
    }

    LlmPrompts(Path dir) {
        this.dir = () -> dir;
    }

    /** Reads a prompts/llm folder as the model call would, throwing what is wrong with it (a draft's check). */
    public static void check(Path llmDir) {
        new LlmPrompts(llmDir).current();
    }

    /** The prompts as the files now say, read again only when a file changed. */
    public Prompts current() {
        Path folder = dir.get();
        Path system = folder.resolve("system.txt");
        Path answer = folder.resolve("answer.txt");
        Path reprompt = folder.resolve("reprompt.txt");
        try {
            Stamp now = new Stamp(folder, Files.getLastModifiedTime(system), Files.size(system),
                    Files.getLastModifiedTime(answer), Files.size(answer),
                    Files.getLastModifiedTime(reprompt), Files.size(reprompt));
            Prompts p = prompts;
            if (p == null || !now.equals(stamp)) {
                synchronized (this) {
                    String s = Files.readString(system, StandardCharsets.UTF_8).strip();
                    String a = Files.readString(answer, StandardCharsets.UTF_8).strip();
                    String r = Files.readString(reprompt, StandardCharsets.UTF_8).strip();
                    if (s.isEmpty() || a.isEmpty() || r.isEmpty()) {
                        throw new IllegalStateException("prompts/llm: system.txt, answer.txt and reprompt.txt must not be empty");
                    }
                    if (!a.contains("{{question}}") || !a.contains("{{passages}}")) {
                        throw new IllegalStateException("prompts/llm/answer.txt must hold {{question}} and {{passages}}");
                    }
                    p = new Prompts(s, a, r, hash(s + "\u0000" + a + "\u0000" + r));
                    prompts = p;
                    stamp = now;
                }
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("prompts/llm cannot be read", e);
        }
    }

    /** Runs a model call with these prompts as the ones in use on this thread. */
    public static <T> T using(Prompts prompts, java.util.function.Supplier<T> call) {
        IN_USE.set(prompts);
        try {
            return call.get();
        } finally {
            IN_USE.remove();
        }
    }

    /** The prompts of the call under way on this thread, else the files' current ones. */
    public Prompts inUse() {
        Prompts p = IN_USE.get();
        return p != null ? p : current();
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
