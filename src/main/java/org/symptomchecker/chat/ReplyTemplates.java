package org.symptomchecker.chat;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.SymptomConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The service's own wording, read from the content team's {@code prompts/reply/} folder. */
@ApplicationScoped
public class ReplyTemplates {

    private final String greeting;
    private final String leadIn;
    private final String disclaimer;
    private final String noAnswer;

    public ReplyTemplates(SymptomConfig config) {
        Path dir = Path.of(config.chat().promptsDir(), "reply");
        this.greeting = read(dir, "greeting.txt");
        this.leadIn = read(dir, "lead-in.txt");
        this.disclaimer = read(dir, "disclaimer.txt");
        this.noAnswer = read(dir, "no-answer.txt");
    }

    public String greeting() {
        return greeting;
    }

    public String leadIn() {
        return leadIn;
    }

    public String disclaimer() {
        return disclaimer;
    }

    public String noAnswer() {
        return noAnswer;
    }

    private static String read(Path dir, String name) {
        Path file = dir.resolve(name);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new IllegalStateException("reply template " + file.toAbsolutePath() + " is empty");
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("reply template " + file.toAbsolutePath()
                    + " cannot be read (set symptom.chat.prompts-dir to the prompts folder)", e);
        }
    }
}
