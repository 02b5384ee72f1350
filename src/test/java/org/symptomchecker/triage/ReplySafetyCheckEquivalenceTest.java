package org.symptomchecker.triage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The output check's patterns open with lookaheads so that they cost less on long replies; this holds them to the
 * plain patterns they were written as (kept here as the reference): the same verdict on every sentence and line of
 * the shipped corpus, prompts, fixed replies and evaluation sets, on MedQuAD's answers when present, and on texts
 * written to hit each alternative.
 */
class ReplySafetyCheckEquivalenceTest {

    private static final Pattern DOSING = Pattern.compile(
            "\\b\\d+(\\.\\d+)?\\s?(mg|mcg|µg|milligrams?|micrograms?|ml|millilit(er|re)s?|tablets?|pills?|capsules?|puffs?|drops?|units?)\\b"
                    + "|\\bmg/kg\\b|\\bevery\\s+\\d+\\s*(to\\s+\\d+\\s*)?hours\\b|\\b(\\d+|one|two|three|four)\\s+times\\s+(a|per)\\s+day\\b"
                    + "|\\b(take|give|dose of|dosage of)\\s+(\\d+|one|two|three|a double)\\b");
    private static final Pattern DIAGNOSIS = Pattern.compile(
            "(?<!\\b(if|when|whether|unless|do|may|might|that|think|because|once|until|while)\\s)\\byou(?:'ve| have| ve)\\s+(got\\s+)?(a|an|the)?\\s*[a-z]+"
                    + "|\\byou\\s+(are|re)\\s+suffering\\s+from\\b|\\byou\\s+(definitely|certainly|clearly|probably)\\s+have\\b"
                    + "|\\byour\\s+diagnosis\\s+is\\b|\\bthis\\s+is\\s+(definitely|certainly|clearly)\\b|\\bit\\s+is\\s+definitely\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HARMLESS = Pattern.compile(
            "\\byou(?:'ve| have| ve)\\s+(got\\s+)?(to|questions?|any|been|had|a\\s+right|the\\s+right|options?|choices?|time|a\\s+higher|an\\s+increased|a\\s+greater|a\\s+lower|higher|more|less|fewer)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REASSURANCE = Pattern.compile(
            "nothing\\s+to\\s+worry\\s+about|no\\s+need\\s+to\\s+(worry|panic|see|seek|call)|\\bdon'?t\\s+worry\\b|not\\s+serious"
                    + "|nothing\\s+serious|\\bharmless\\b|you('re|\\s+are)\\s+(fine|ok|okay)|perfectly\\s+normal|no\\s+cause\\s+for\\s+concern",
            Pattern.CASE_INSENSITIVE);

    private static final List<String> WRITTEN = List.of(
            "Take 2 tablets every 4 to 6 hours.", "the usual dose of 500 mg", "10 mg/kg a day", "every 8 hours", "two times a day",
            "three times per day", "give one spoonful", "dosage of 2", "take a double dose", "1.5 ml of the liquid", "4 puffs",
            "You have a migraine.", "If you have a fever, rest.", "you've got the flu", "You have to rest.", "you have questions",
            "you are suffering from sciatica", "You probably have shingles.", "Your diagnosis is gout.", "This is definitely a sprain.",
            "It is definitely nothing.", "Don't worry about it.", "dont worry", "There is nothing to worry about.", "no need to see a doctor",
            "It's not serious.", "nothing serious", "This rash is harmless.", "You're fine.", "you are okay", "perfectly normal",
            "no cause for concern", "When you have chest pain, call 999.", "that you have a right to", "You ve a cold",
            "YOU HAVE AN INFECTION", "you\u2019ve got an infection", "take 3", "one times a day", "4times a day", "every2 hours");

    private final ReplySafetyCheck check = new ReplySafetyCheck();

    @Test
    void theFastPatternsGiveThePlainPatternsVerdictOnEveryText() throws IOException {
        List<String> texts = new ArrayList<>(WRITTEN);
        for (String root : List.of("corpus", "prompts", "guardrails")) {
            texts.addAll(pieces(Path.of(root), 0));
        }
        Path medquad = Path.of("..", "shared", "data", "medquad");
        texts.addAll(pieces(medquad, 400)); // MedQuAD's answers when they are here (CI has them): a few hundred files
        Map<ReplySafetyCheck.Failure, Integer> seen = new EnumMap<>(ReplySafetyCheck.Failure.class);
        int compared = 0;
        for (String text : texts) {
            for (TriageLevel level : List.of(TriageLevel.NONE, TriageLevel.ROUTINE)) {
                Optional<ReplySafetyCheck.Failure> expected = reference(text, level);
                assertThat(check.check(text, level)).as("%s under %s", text, level).isEqualTo(expected);
                expected.ifPresent(f -> seen.merge(f, 1, Integer::sum));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(30_000);
        // the texts hold every kind of failure many times over: the comparison is not only of passes
        assertThat(seen.getOrDefault(ReplySafetyCheck.Failure.DOSING, 0)).isGreaterThan(50);
        assertThat(seen.getOrDefault(ReplySafetyCheck.Failure.DIAGNOSIS, 0)).isGreaterThan(20);
        assertThat(seen.getOrDefault(ReplySafetyCheck.Failure.REASSURANCE, 0)).isGreaterThan(20);
    }

    /** The check as written before the lookaheads. */
    private static Optional<ReplySafetyCheck.Failure> reference(String text, TriageLevel level) {
        String t = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        if (DOSING.matcher(t).find()) {
            return Optional.of(ReplySafetyCheck.Failure.DOSING);
        }
        var diagnosis = DIAGNOSIS.matcher(t);
        while (diagnosis.find()) {
            if (!HARMLESS.matcher(t.substring(diagnosis.start())).lookingAt()) {
                return Optional.of(ReplySafetyCheck.Failure.DIAGNOSIS);
            }
        }
        if (level.ordinal() >= TriageLevel.ROUTINE.ordinal() && REASSURANCE.matcher(t).find()) {
            return Optional.of(ReplySafetyCheck.Failure.REASSURANCE);
        }
        return Optional.empty();
    }

    /** Every line and every sentence of the text files under a folder (at most {@code maxFiles} files; 0: all). */
    private static List<String> pieces(Path folder, int maxFiles) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path f : maxFiles > 0 ? files.subList(0, Math.min(maxFiles, files.size())) : files) {
                String text;
                try {
                    text = Files.readString(f, StandardCharsets.UTF_8);
                } catch (java.nio.charset.MalformedInputException e) {
                    continue;
                }
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        out.add(line);
                        out.addAll(List.of(line.split("(?<=[.!?])\\s+")));
                    }
                }
            }
        }
        return out;
    }
}
