package org.symptomchecker.answer;

import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.content.ActiveContent;
import org.symptomchecker.content.ContentSwitched;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The service's own wording, read from the content team's {@code prompts/reply/} folder. */
@ApplicationScoped
public class ReplyTemplates {

    /** All of the wording, read together from one prompts folder: a switch to another release replaces it whole. */
    private record Texts(String greeting, String leadIn, String disclaimer, String noAnswer, String typeMissing,
                         String dispositionIntro, String noFlags, String warnings, String reaskPrefix,
                         java.util.List<String> informationOpeners, java.util.List<String> ownReport,
                         java.util.List<String> greetings, String conversationFull, java.util.List<String> skipPhrases,
                         java.util.List<String> whyPhrases, java.util.List<String> durationUnits,
                         java.util.List<String> durationPhrases, java.util.List<String> sidePhrases) {

        static Texts load(Path prompts) {
            Path dir = prompts.resolve("reply");
            Path interview = prompts.resolve("interview");
            return new Texts(read(dir, "greeting.txt"), read(dir, "lead-in.txt"), read(dir, "disclaimer.txt"),
                    read(dir, "no-answer.txt"), read(dir, "type-missing.txt"),
                    read(interview, "disposition-intro.txt"), read(interview, "no-flags.txt"), read(interview, "warnings.txt"),
                    read(interview, "reask-prefix.txt"), phrases(interview, "information-openers.txt"),
                    phrases(interview, "own-report.txt"), phrases(dir, "greetings.txt"), read(dir, "conversation-full.txt"),
                    phrases(interview, "skip-phrases.txt"), phrases(interview, "why-phrases.txt"),
                    phrases(interview, "duration-units.txt"), phrases(interview, "duration-phrases.txt"),
                    phrases(interview, "side-phrases.txt"));
        }
    }

    private volatile Texts texts;

    public ReplyTemplates(ActiveContent content) {
        this.texts = Texts.load(content.folders().prompts());
    }

    /** The wording in use: the served release's, or a preview's ({@link org.symptomchecker.content.ContentLens}). */
    private Texts texts() {
        return org.symptomchecker.content.ContentLens.view(ReplyTemplates.class, texts, f -> Texts.load(f.prompts()));
    }

    /** Reads a prompts folder's wording as a switch would, throwing what is wrong with it (a draft's check before publishing). */
    public static void check(Path prompts) {
        Texts.load(prompts);
    }

    /** A newly published release's wording; a release this instance cannot read leaves the wording in use. */
    void onContentSwitched(@jakarta.enterprise.event.Observes ContentSwitched event) {
        try {
            texts = Texts.load(event.now().prompts());
        } catch (RuntimeException e) {
            org.jboss.logging.Logger.getLogger(ReplyTemplates.class).errorf("reply wording of content release %s cannot be read (%s); the wording in use stays",
                    event.now().release(), e.getMessage());
        }
    }

    private static final java.util.Set<String> COUNTS = java.util.Set.of("a", "an", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "few", "several", "couple");

    /**
     * Whether a message states how long something has gone on: a number or a count word before a unit of
     * interview/duration-units.txt ("3 days", "a couple of weeks"), or a phrase of duration-phrases.txt.
     */
    public boolean statesDuration(String message) {
        String text = phraseText(message);
        if (texts().durationPhrases().stream().anyMatch(p -> text.contains(" " + p + " "))) {
            return true;
        }
        String[] words = text.strip().split(" ");
        for (int i = 1; i < words.length; i++) {
            if (texts().durationUnits().contains(words[i])) {
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
        return texts().sidePhrases().stream().anyMatch(p -> text.contains(" " + p + " "));
    }

    /** A message's words as the phrase lists are compared with them: lower case, letters and digits, one space apart, padded. */
    public static String phraseText(String message) {
        String text = message.toLowerCase(java.util.Locale.ROOT).replace("'", "").replace("\u2019", "");
        return " " + text.replaceAll("[^a-z0-9 ]", " ").replaceAll("\\s+", " ").strip() + " ";
    }

    /** Whether a message is only a greeting (reply/greetings.txt), optionally followed by "there". */
    public boolean isGreeting(String message) {
        String text = phraseText(message);
        return texts().greetings().stream().anyMatch(g -> text.equals(" " + g + " ") || text.equals(" " + g + " there "));
    }

    /** The reply once a conversation reached its cap on turns or stored text (red flags are still routed). */
    public String conversationFull() {
        return texts().conversationFull();
    }

    /** Whether a message asks to stop the interview's questions (interview/skip-phrases.txt). */
    public boolean asksToSkip(String message) {
        String text = phraseText(message);
        return texts().skipPhrases().stream().anyMatch(p -> text.contains(" " + p + " "));
    }

    /** Whether a message asks why the last question was asked (interview/why-phrases.txt). */
    public boolean asksWhy(String message) {
        String text = phraseText(message);
        return texts().whyPhrases().stream().anyMatch(p -> p.contains(" ") ? text.startsWith(" " + p + " ") : text.equals(" " + p + " "));
    }

    public String greeting() {
        return texts().greeting();
    }

    public String leadIn() {
        return texts().leadIn();
    }

    public String disclaimer() {
        return texts().disclaimer();
    }

    /** The corpus has the topic but nothing of what was asked ({@code what}: the question type's "say"). */
    public String typeMissing(String what, String topic) {
        return texts().typeMissing().replace("{{what}}", what).replace("{{topic}}", topic);
    }

    public String noAnswer() {
        return texts().noAnswer();
    }

    public String dispositionIntro(String why) {
        return texts().dispositionIntro().replace("{{why}}", why);
    }

    public String noFlags() {
        return texts().noFlags();
    }

    public String warnings(String list) {
        return texts().warnings().replace("{{warnings}}", list);
    }

    public String reaskPrefix() {
        return texts().reaskPrefix();
    }

    /** How a request for information begins ("what exercises", "how long does"): prompts/interview/information-openers.txt. */
    public java.util.List<String> informationOpeners() {
        return texts().informationOpeners();
    }

    /** Words that report a symptom as someone's own ("my", "i have"): prompts/interview/own-report.txt. */
    public java.util.List<String> ownReport() {
        return texts().ownReport();
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
