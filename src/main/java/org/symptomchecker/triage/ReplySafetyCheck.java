package org.symptomchecker.triage;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The last deterministic check on every text that leaves the service: no dosing instructions, no
 * definitive diagnosis, no reassurance that contradicts a flag.
 */
@ApplicationScoped
public class ReplySafetyCheck {

    /** Why a text fails. */
    public enum Failure { DOSING, DIAGNOSIS, REASSURANCE }

    // Every check runs on every reply, so each pattern opens with a lookahead for the letters its alternatives can
    // start with: the costly part (word boundaries, the look-behind) is tried only where a match can begin, and what
    // matches is unchanged (ReplySafetyCheckEquivalenceTest holds them to the plain patterns on the corpus and more).
    private static final Pattern DOSING = Pattern.compile(
            "(?=[0-9metofgd])(?=[0-9]|mg/kg|every|one|two|three|four|take|give|dos)(?:"
                    + "\\b\\d+(\\.\\d+)?\\s?(mg|mcg|µg|milligrams?|micrograms?|ml|millilit(er|re)s?|tablets?|pills?|capsules?|puffs?|drops?|units?)\\b"
                    + "|\\bmg/kg\\b|\\bevery\\s+\\d+\\s*(to\\s+\\d+\\s*)?hours\\b|\\b(\\d+|one|two|three|four)\\s+times\\s+(a|per)\\s+day\\b"
                    + "|\\b(take|give|dose of|dosage of)\\s+(\\d+|one|two|three|a double)\\b)");
    private static final Pattern DIAGNOSIS = Pattern.compile(
            "(?=[yti])(?=you|this|it)(?:(?<!\\b(if|when|whether|unless|do|may|might|that|think|because|once|until|while)\\s)\\byou(?:'ve| have| ve)\\s+(got\\s+)?(a|an|the)?\\s*[a-z]+"
                    + "|\\byou\\s+(are|re)\\s+suffering\\s+from\\b|\\byou\\s+(definitely|certainly|clearly|probably)\\s+have\\b"
                    + "|\\byour\\s+diagnosis\\s+is\\b|\\bthis\\s+is\\s+(definitely|certainly|clearly)\\b|\\bit\\s+is\\s+definitely\\b)",
            Pattern.CASE_INSENSITIVE);
    /** "you have" followed by these is no diagnosis: "you have to", "you have questions". */
    private static final Pattern DIAGNOSIS_HARMLESS = Pattern.compile(
            "\\byou(?:'ve| have| ve)\\s+(got\\s+)?(to|questions?|any|been|had|a\\s+right|the\\s+right|options?|choices?|time|a\\s+higher|an\\s+increased|a\\s+greater|a\\s+lower|higher|more|less|fewer)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern REASSURANCE = Pattern.compile(
            "(?=[ndhyp])(?=no|don|harmless|you|perfectly)(?:nothing\\s+to\\s+worry\\s+about|no\\s+need\\s+to\\s+(worry|panic|see|seek|call)|\\bdon'?t\\s+worry\\b|not\\s+serious"
                    + "|nothing\\s+serious|\\bharmless\\b|you('re|\\s+are)\\s+(fine|ok|okay)|perfectly\\s+normal|no\\s+cause\\s+for\\s+concern)",
            Pattern.CASE_INSENSITIVE);

    /** Whether a text may leave the service under a triage level. */
    public Optional<Failure> check(String text, TriageLevel level) {
        String t = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        if (DOSING.matcher(t).find()) {
            return Optional.of(Failure.DOSING);
        }
        var diagnosis = DIAGNOSIS.matcher(t);
        while (diagnosis.find()) {
            if (!DIAGNOSIS_HARMLESS.matcher(t.substring(diagnosis.start())).lookingAt()) {
                return Optional.of(Failure.DIAGNOSIS);
            }
        }
        if (level.ordinal() >= TriageLevel.ROUTINE.ordinal() && REASSURANCE.matcher(t).find()) {
            return Optional.of(Failure.REASSURANCE);
        }
        return Optional.empty();
    }
}
