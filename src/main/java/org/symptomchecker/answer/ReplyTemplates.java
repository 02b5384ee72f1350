package org.symptomchecker.answer;

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
    private final String dispositionIntro;
    private final String noFlags;
    private final String warnings;
    private final String reaskPrefix;
    private final java.util.List<String> informationOpeners;
    private final java.util.List<String> ownReport;

    public ReplyTemplates(SymptomConfig config) {
        Path dir = Path.of(config.chat().promptsDir(), "reply");
        this.greeting = read(dir, "greeting.txt");
        this.leadIn = read(dir, "lead-in.txt");
        this.disclaimer = read(dir, "disclaimer.txt");
        this.noAnswer = read(dir, "no-answer.txt");
        Path interview = Path.of(config.chat().promptsDir(), "interview");
        this.dispositionIntro = read(interview, "disposition-intro.txt");
        this.noFlags = read(interview, "no-flags.txt");
        this.warnings = read(interview, "warnings.txt");
        this.reaskPrefix = read(interview, "reask-prefix.txt");
        this.informationOpeners = phrases(interview, "information-openers.txt");
        this.ownReport = phrases(interview, "own-report.txt");
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

    public String dispositionIntro(String why) {
        return dispositionIntro.replace("{{why}}", why);
    }

    public String noFlags() {
        return noFlags;
    }

    public String warnings(String list) {
        return warnings.replace("{{warnings}}", list);
    }

    public String reaskPrefix() {
        return reaskPrefix;
    }

    /** How a request for information begins ("what exercises", "how long does"): prompts/interview/information-openers.txt. */
    public java.util.List<String> informationOpeners() {
        return informationOpeners;
    }

    /** Words that report a symptom as someone's own ("my", "i have"): prompts/interview/own-report.txt. */
    public java.util.List<String> ownReport() {
        return ownReport;
    }

    /** A phrase list: one lower-case phrase per line, # comments and blank lines skipped. */
    private static java.util.List<String> phrases(Path dir, String name) {
        java.util.List<String> out = read(dir, name).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (String p : out) {
            if (!p.matches("[a-z0-9]+( [a-z0-9]+)*")) {
                throw new IllegalStateException(dir.resolve(name).toAbsolutePath() + ": '" + p
                        + "' must be lower-case words separated by single spaces");
            }
        }
        return out;
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
