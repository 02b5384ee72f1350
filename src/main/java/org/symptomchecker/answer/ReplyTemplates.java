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
    private final java.util.List<String> greetings;
    private final String conversationFull;
    private final java.util.List<String> skipPhrases;
    private final java.util.List<String> whyPhrases;

    public ReplyTemplates(SymptomConfig config) {
        Path dir = Path.of(config.chat().promptsDir(), "reply");
        this.greeting = read(dir, "greeting.txt");
        this.leadIn = read(dir, "lead-in.txt");
        this.disclaimer = read(dir, "disclaimer.txt");
        this.noAnswer = read(dir, "no-answer.txt");
        this.greetings = phrases(dir, "greetings.txt");
        this.conversationFull = read(dir, "conversation-full.txt");
        Path interview = Path.of(config.chat().promptsDir(), "interview");
        this.dispositionIntro = read(interview, "disposition-intro.txt");
        this.noFlags = read(interview, "no-flags.txt");
        this.warnings = read(interview, "warnings.txt");
        this.reaskPrefix = read(interview, "reask-prefix.txt");
        this.informationOpeners = phrases(interview, "information-openers.txt");
        this.ownReport = phrases(interview, "own-report.txt");
        this.skipPhrases = phrases(interview, "skip-phrases.txt");
        this.whyPhrases = phrases(interview, "why-phrases.txt");
    }

    /** A message's words as the phrase lists are compared with them: lower case, letters and digits, one space apart, padded. */
    public static String phraseText(String message) {
        String text = message.toLowerCase(java.util.Locale.ROOT).replace("'", "").replace("\u2019", "");
        return " " + text.replaceAll("[^a-z0-9 ]", " ").replaceAll("\\s+", " ").strip() + " ";
    }

    /** Whether a message is only a greeting (reply/greetings.txt), optionally followed by "there". */
    public boolean isGreeting(String message) {
        String text = phraseText(message);
        return greetings.stream().anyMatch(g -> text.equals(" " + g + " ") || text.equals(" " + g + " there "));
    }

    /** The reply once a conversation reached its cap on turns or stored text (red flags are still routed). */
    public String conversationFull() {
        return conversationFull;
    }

    /** Whether a message asks to stop the interview's questions (interview/skip-phrases.txt). */
    public boolean asksToSkip(String message) {
        String text = phraseText(message);
        return skipPhrases.stream().anyMatch(p -> text.contains(" " + p + " "));
    }

    /** Whether a message asks why the last question was asked (interview/why-phrases.txt). */
    public boolean asksWhy(String message) {
        String text = phraseText(message);
        return whyPhrases.stream().anyMatch(p -> p.contains(" ") ? text.startsWith(" " + p + " ") : text.equals(" " + p + " "));
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
