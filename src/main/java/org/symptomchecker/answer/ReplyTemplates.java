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
    private final String typeMissing;
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
    private final java.util.List<String> durationUnits;
    private final java.util.List<String> durationPhrases;
    private final java.util.List<String> sidePhrases;

    public ReplyTemplates(SymptomConfig config) {
        Path dir = Path.of(config.chat().promptsDir(), "reply");
        this.greeting = read(dir, "greeting.txt");
        this.leadIn = read(dir, "lead-in.txt");
        this.disclaimer = read(dir, "disclaimer.txt");
        this.noAnswer = read(dir, "no-answer.txt");
        this.typeMissing = read(dir, "type-missing.txt");
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
        this.durationUnits = phrases(interview, "duration-units.txt");
        this.durationPhrases = phrases(interview, "duration-phrases.txt");
        this.sidePhrases = phrases(interview, "side-phrases.txt");
    }

    private static final java.util.Set<String> COUNTS = java.util.Set.of("a", "an", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "few", "several", "couple");

    /**
     * Whether a message states how long something has gone on: a number or a count word before a unit of
     * interview/duration-units.txt ("3 days", "a couple of weeks"), or a phrase of duration-phrases.txt.
     */
    public boolean statesDuration(String message) {
        String text = phraseText(message);
        if (durationPhrases.stream().anyMatch(p -> text.contains(" " + p + " "))) {
            return true;
        }
        String[] words = text.strip().split(" ");
        for (int i = 1; i < words.length; i++) {
            if (durationUnits.contains(words[i])) {
                String before = words[i - 1].equals("of") && i >= 2 ? words[i - 2] : words[i - 1];
                if (before.chars().allMatch(Character::isDigit) || COUNTS.contains(before)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a message says which side a complaint is on (interview/side-phrases.txt). */
    public boolean statesSide(String message) {
        String text = phraseText(message);
        return sidePhrases.stream().anyMatch(p -> text.contains(" " + p + " "));
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

    /** The corpus has the topic but nothing of what was asked ({@code what}: the question type's "say"). */
    public String typeMissing(String what, String topic) {
        return typeMissing.replace("{{what}}", what).replace("{{topic}}", topic);
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
