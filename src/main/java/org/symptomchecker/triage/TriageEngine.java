package org.symptomchecker.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deterministic triage of a conversation under one rule set. Concepts accumulate over the person's
 * messages (and their answers to the service's questions); the level is the highest of the matching
 * rules; an EMERGENCY, once reached, stands for the rest of the conversation. No model is involved.
 */
public final class TriageEngine {

    private static final double MIN_KNOWN_WORDS = 0.4;

    private final Set<String> englishWords;

    public TriageEngine(Set<String> englishWords) {
        this.englishWords = englishWords;
    }

/** An engine that knows the common English words shipped with the service. */
    public static TriageEngine withEnglishWords() {
        try (InputStream in = TriageEngine.class.getResourceAsStream("/triage/common-english.txt")) {
            if (in == null) {
                throw new IllegalStateException("triage/common-english.txt is missing from the classpath");
            }
            Set<String> words = new HashSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> words.add(l.strip()));
            return new TriageEngine(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TriageOutcome triage(RuleSet rules, List<TriageMessage> messages, Integer age, String sex) {
        Map<String, String> present = new LinkedHashMap<>(); // concept -> words it was found in
        Evaluation emergency = null;
        boolean informational = false;
        boolean unreadable = false;
        String pendingAsk = null;
        for (TriageMessage m : messages) {
            if (!m.fromUser()) {
                pendingAsk = m.asks() == null || m.asks().isBlank() ? null : m.asks().strip();
                continue;
            }
            NormalizedText text = NormalizedText.of(m.text());
            unreadable = unreadable(rules, text);
            if (pendingAsk != null && rules.concepts().containsKey(pendingAsk)) {
                switch (AnswerReader.read(m.text())) {
                    case YES -> present.put(pendingAsk, m.text().strip());
                    case NO -> present.remove(pendingAsk);
                    default -> { }
                }
            }
            pendingAsk = null;
            informational = false;
            for (MentionReader.Mention mention : MentionReader.read(rules, text, englishWords)) {
                switch (mention.status()) {
                    case CURRENT -> {
                        present.putIfAbsent(mention.concept(), mention.text());
                        rules.concepts().get(mention.concept()).withdraws().forEach(present::remove);
                    }
                    case NEGATED -> present.remove(mention.concept()); // a later denial corrects an earlier mention
                    case HYPOTHETICAL -> informational |= rules.redFlagConcepts().contains(mention.concept());
                    case HISTORY -> { }
                }
            }
            Evaluation now = evaluate(rules, present, age, sex);
            if (now.level == TriageLevel.EMERGENCY && emergency == null) {
                emergency = now;
            }
        }
        Evaluation result = evaluate(rules, present, age, sex);
        boolean stands = false;
        if (emergency != null && result.level != TriageLevel.EMERGENCY) {
            result = emergency; // an emergency, once raised, stands
            stands = true;
        }
        boolean onlyInformation = informational && result.level == TriageLevel.NONE;
        return new TriageOutcome(result.level, result.ruleIds(), result.matches, result.response, result.reason,
                onlyInformation, unreadable && result.level == TriageLevel.NONE, stands, rules.version());
    }

    /** The rules that match a set of current concepts, highest level first. */
    private static Evaluation evaluate(RuleSet rules, Map<String, String> present, Integer age, String sex) {
        List<Matched> matched = new ArrayList<>();
        for (RedFlagRule rule : rules.rules()) {
            if (!rule.all().stream().allMatch(present::containsKey)) {
                continue;
            }
            if (!rule.any().isEmpty() && rule.any().stream().noneMatch(present::containsKey)) {
                continue;
            }
            if (rule.unless().stream().anyMatch(present::containsKey)) {
                continue;
            }
            TriageLevel level = rule.level();
            for (RedFlagRule.Raise raise : rule.raise()) {
                if (raises(raise, present, age, sex) && raise.level().ordinal() > level.ordinal()) {
                    level = raise.level();
                }
            }
            matched.add(new Matched(rule, level));
        }
        if (matched.isEmpty()) {
            boolean symptom = present.keySet().stream().anyMatch(c -> rules.concepts().get(c).symptom());
            return symptom
                    ? new Evaluation(TriageLevel.SELF_CARE, List.of(), List.of(), "self-care", null)
                    : new Evaluation(TriageLevel.NONE, List.of(), List.of(), null, null);
        }
        matched.sort(Comparator.comparing((Matched x) -> x.level).reversed()); // stable: file order within a level
        Matched top = matched.get(0);
        List<TriageOutcome.Match> matches = new ArrayList<>();
        for (Matched x : matched) {
            for (String c : x.rule.all()) {
                matches.add(new TriageOutcome.Match(x.rule.id(), c, present.get(c)));
            }
            x.rule.any().stream().filter(present::containsKey)
                    .forEach(c -> matches.add(new TriageOutcome.Match(x.rule.id(), c, present.get(c))));
        }
        // a rule raised by age or sex answers with the raised level's response
        String response = top.level == top.rule.level() ? top.rule.response() : switch (top.level) {
            case EMERGENCY -> "emergency";
            case URGENT -> "urgent";
            case ROUTINE -> "routine";
            default -> top.rule.response();
        };
        return new Evaluation(top.level, matched, matches, response, top.rule.reason());
    }

    private static boolean raises(RedFlagRule.Raise raise, Map<String, String> present, Integer age, String sex) {
        if (raise.ageOver() != null && (age == null || age <= raise.ageOver())) {
            return false;
        }
        if (raise.ageUnder() != null && (age == null || age >= raise.ageUnder())) {
            return false;
        }
        if (raise.sex() != null && !raise.sex().equalsIgnoreCase(sex)) {
            return false;
        }
        return raise.any().isEmpty() || raise.any().stream().anyMatch(present::containsKey);
    }

    /** Another language or gibberish: mostly non-Latin letters, or too few words English or the lexicon knows. */
    boolean unreadable(RuleSet rules, NormalizedText text) {
        if (text.letters > 0 && text.nonLatinLetters * 2 > text.letters) {
            return true;
        }
        int words = 0;
        int known = 0;
        for (NormalizedText.Sentence s : text.sentences) {
            for (String w : s.words()) {
                if (w.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                words++;
                if (englishWords.contains(w) || rules.matcher().knows(w)) {
                    known++;
                }
            }
        }
        return words == 0 ? text.letters == 0 && text.wordCount() == 0 : known < MIN_KNOWN_WORDS * words;
    }

    private record Matched(RedFlagRule rule, TriageLevel level) {
    }

    private record Evaluation(TriageLevel level, List<Matched> matched, List<TriageOutcome.Match> matches,
                              String response, String reason) {
        List<String> ruleIds() {
            return matched.stream().map(m -> m.rule.id()).toList();
        }
    }
}
