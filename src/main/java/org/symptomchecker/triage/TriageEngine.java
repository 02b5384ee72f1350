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
    /** The built-in rule for a red-flag screening question still answered "not sure" after it was asked again plainly. */
    public static final String UNSURE_RULE = "unsure-after-plain-question";
    /** The response (guardrails/responses/unsure-reason.txt) that says why being unsure about a warning sign means today. */
    static final String UNSURE_REASON = "unsure-reason";

    private static final int WINDOW_CACHE = 20_000;
    private final int windowCacheSize;
    private static final int SHORT_ANSWER_WORDS = 5;

    private final Set<String> englishWords;
    private final SentenceEncoder encoder;
    /** Window vectors already computed (the evaluation, the stateless endpoint and a state rebuild read messages again). */
    private final org.symptomchecker.embedding.KeptByText<float[]> windowVectors;

    /**
     * How each message was read, by rule set and text: all that depends on one message alone (its normalised words,
     * mentions, the net's windows and hits) is read once, for the evaluation, the stateless endpoint and a state
     * rebuild, which read messages again. What depends on the conversation is in {@link TriageState}.
     */
    private final org.symptomchecker.embedding.KeptByText<Reading> readings;

    /** One message as the rule set reads it; the net's part is filled in the first time the net runs on it. */
    private static final class Reading {
        final NormalizedText text;
        final boolean unreadable;
        final List<MentionReader.Mention> mentions;
        List<MentionReader.Window> windows;
        List<List<SemanticNet.Hit>> hits;

        Reading(NormalizedText text, boolean unreadable, List<MentionReader.Mention> mentions) {
            this.text = text;
            this.unreadable = unreadable;
            this.mentions = mentions;
        }
    }

    private Reading reading(RuleSet rules, String raw) {
        String key = rules.version() + "\u0000" + raw;
        Reading r = readings.get(key);
        if (r == null) {
            NormalizedText text = read(rules, raw);
            r = new Reading(text, unreadable(rules, text), List.copyOf(MentionReader.read(rules, text, englishWords)));
            readings.put(key, r);
        }
        return r;
    }

    /** The concepts a text says as current (not denied, past or hypothetical), from its kept reading. */
    public Set<String> currentConcepts(RuleSet rules, String text) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (MentionReader.Mention m : reading(rules, text).mentions) {
            if (m.status() == MentionStatus.CURRENT) {
                out.add(m.concept());
            }
        }
        return out;
    }

    /** The net's windows of a message and each one's hits, computed once per reading. */
    private void netHits(RuleSet rules, Reading r) {
        synchronized (r) {
            if (r.windows == null) {
                List<MentionReader.Window> windows = MentionReader.windows(rules, r.text, englishWords).stream()
                        .filter(w -> w.status() == MentionStatus.CURRENT || w.status() == MentionStatus.HYPOTHETICAL)
                        .filter(w -> rules.net().mayMatch(w.text())).toList(); // small talk shares no word with any rule's exemplar
                List<String> windowTexts = windows.stream().map(MentionReader.Window::text).toList();
                r.hits = rules.net().matchAll(windowVectors(windowTexts), windowTexts);
                r.windows = windows;
            }
        }
    }

    public TriageEngine(Set<String> englishWords) {
        this(englishWords, null);
    }

    /** An engine whose semantic net compares message windows with the bank through {@code encoder} (null: net off). */
    public TriageEngine(Set<String> englishWords, SentenceEncoder encoder) {
        this(englishWords, encoder, WINDOW_CACHE);
    }

    /** An engine that keeps the vectors of at most {@code windowCacheSize} message windows (0: none). */
    public TriageEngine(Set<String> englishWords, SentenceEncoder encoder, int windowCacheSize) {
        this.englishWords = englishWords;
        this.encoder = encoder;
        this.windowCacheSize = Math.max(0, windowCacheSize);
        this.windowVectors = new org.symptomchecker.embedding.KeptByText<>(this.windowCacheSize);
        this.readings = new org.symptomchecker.embedding.KeptByText<>(this.windowCacheSize);
    }

    public SentenceEncoder encoder() {
        return encoder;
    }

    /** This engine's word list with another encoder. */
    public TriageEngine withEncoder(SentenceEncoder other) {
        return new TriageEngine(englishWords, other, windowCacheSize);
    }

    /** This engine with another window cache size. */
    public TriageEngine withWindowCache(int size) {
        return new TriageEngine(englishWords, encoder, size);
    }

    /**
     * An engine that knows the English words shipped with the service: a real word list (SCOWL, see
     * {@code triage/english-words.txt}) and the common words of the vetted corpora.
     */
    public static TriageEngine withEnglishWords() {
        Set<String> words = new HashSet<>();
        for (String file : List.of("/triage/english-words.txt", "/triage/common-english.txt")) {
            try (InputStream in = TriageEngine.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException(file + " is missing from the classpath");
                }
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> words.add(l.strip()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TriageEngine(words);
    }

    /** How a message is read under a rule set: English words, and the rule set's lexicon. */
    NormalizedText.Vocabulary vocabulary(RuleSet rules) {
        Set<String> clauseStarts = rules.readings().words(Readings.Section.CLAUSE_STARTS);
        return new NormalizedText.Vocabulary() {
            @Override
            public boolean english(String word) {
                return englishWords.contains(word);
            }

            @Override
            public boolean lexicon(String word) {
                return rules.matcher().knowsExactly(word);
            }

            @Override
            public boolean lexiconWithTypo(String word) {
                return rules.matcher().knowsWord(word, true);
            }

            @Override
            public String[] respell(String word) {
                return rules.respelling(word);
            }

            @Override
            public boolean clauseStart(String word) {
                return clauseStarts.contains(word);
            }
        };
    }

    /** A message as this engine reads it under a rule set. */
    NormalizedText read(RuleSet rules, String text) {
        return NormalizedText.of(text, vocabulary(rules));
    }

    Set<String> englishWords() {
        return englishWords;
    }

    public TriageOutcome triage(RuleSet rules, List<TriageMessage> messages, Integer age, String sex) {
        TriageState state = new TriageState(rules.version());
        return advance(rules, state, messages, age, sex);
    }

    /**
     * Reads {@code messages} (the turns since {@code state} was last advanced) into the state and returns the
     * conversation's outcome. Folding a conversation turn by turn gives what triaging it whole gives; a
     * state of another rule set version must be rebuilt from the turns first.
     */
    public TriageOutcome advance(RuleSet rules, TriageState state, List<TriageMessage> messages, Integer age, String sex) {
        if (!rules.version().equals(state.ruleSetVersion)) {
            throw new IllegalArgumentException("triage state of rule set " + state.ruleSetVersion + " read under " + rules.version());
        }
        for (TriageMessage m : messages) {
            if (!m.fromUser()) {
                state.pendingAsk = m.asks() == null || m.asks().isBlank() ? null : m.asks().strip();
                continue;
            }
            read(rules, state, m.text(), age, sex);
        }
        return outcome(rules, state, age, sex);
    }

    /** One message of the person, read into the state. */
    private void read(RuleSet rules, TriageState s, String said, Integer age, String sex) {
        Map<String, String> present = s.present;
        Map<String, TriageOutcome.Match> semantic = s.semantic;
        boolean netOn = encoder != null && !rules.net().isEmpty();
        String pendingAsk = s.pendingAsk;
        s.userMessages++;
        // "7 weeks" in answer to "How old is the baby?" is an age: read it as "7 weeks old"
        Reading reading = reading(rules, "age".equals(pendingAsk) && AnswerReader.ageInUnits(said) ? said + " old" : said);
        NormalizedText text = reading.text;
        s.unreadable = reading.unreadable;
        boolean answering = pendingAsk != null;
        if (pendingAsk != null && s.correcting.contains(pendingAsk)) {
            if (AnswerReader.read(rules, said) == AnswerReader.Answer.NO) {
                s.lastConcepts.forEach(present::remove); // the correction is confirmed: what it corrects is taken back
                s.lastRules.forEach(semantic::remove);
                s.emergency = null;
            }
            s.correcting = new java.util.LinkedHashSet<>();
        }
        s.confirm = null;
        Set<String> conceptsBefore = new HashSet<>(present.keySet());
        Set<String> rulesBefore = new HashSet<>(semantic.keySet());
        if ("age".equals(pendingAsk)) {
            Integer a = AnswerReader.number(said);
            s.answeredAge = a != null ? a : s.answeredAge;
        } else if (s.answeredAge == null) {
            s.answeredAge = AnswerReader.statedAge(rules, said);
        }
        s.ageStated |= AnswerReader.statedAge(rules, said) != null;
        if (!"age".equals(pendingAsk) && pendingAsk != null && rules.concepts().containsKey(pendingAsk)) {
            var choice = rules.choiceQuestion(pendingAsk);
            Boolean picked = choice == null ? null : choice.choiceFlags(said);
            AnswerReader.Answer answer = picked == null ? AnswerReader.read(rules, said)
                    : picked ? AnswerReader.Answer.YES : AnswerReader.Answer.NO;
            switch (answer) {
                case YES -> present.put(pendingAsk, said.strip());
                case NO -> present.remove(pendingAsk);
                case UNSURE -> s.unsure.merge(pendingAsk, 1, Integer::sum);
                default -> { }
            }
        }
        Integer effectiveAge = age != null ? age : s.answeredAge;
        s.pendingAsk = null;
        s.informational = false;
        List<MentionReader.Mention> mentions = reading.mentions;
        Set<String> currentHere = new HashSet<>();
        mentions.stream().filter(x -> x.status() == MentionStatus.CURRENT).forEach(x -> currentHere.add(x.concept()));
        s.said.addAll(currentConcepts(rules, said));
        for (MentionReader.Mention mention : mentions) {
            if (mention.status() == MentionStatus.NEGATED && currentHere.contains(mention.concept())) {
                continue; // said as present in this very message: the safe reading wins over an overlapping denial
            }
            switch (mention.status()) {
                case CURRENT -> {
                    present.putIfAbsent(mention.concept(), mention.text());
                    rules.concepts().get(mention.concept()).withdraws().forEach(present::remove);
                }
                case NEGATED -> present.remove(mention.concept()); // a later denial corrects an earlier mention
                case HYPOTHETICAL -> s.informational |= rules.redFlagConcepts().contains(mention.concept());
                case UNCERTAIN -> s.unsure.merge(mention.concept(), 2, Integer::sum); // a hedged denial of a flag: be seen today
                case HISTORY -> { }
            }
        }
        // a short answer to the service's own question ("one leg", "yes a bit") is read as that answer, not by the net
        boolean shortAnswer = answering && text.wordCount() <= SHORT_ANSWER_WORDS;
        // the net can only raise: when the lexicon already reads an emergency, there is nothing for it to add
        boolean alreadyEmergency = s.emergency != null
                || evaluate(rules, present, semantic, effectiveAge, sex).level == TriageLevel.EMERGENCY;
        if (netOn && !shortAnswer && !alreadyEmergency) {
            netHits(rules, reading);
            List<MentionReader.Window> windows = reading.windows;
            List<List<SemanticNet.Hit>> hits = reading.hits;
            for (int k = 0; k < windows.size(); k++) {
                MentionReader.Window window = windows.get(k);
                // the nearest rule the reading does not rule out: "pins and needles round my privates, back sore" is
                // not ruled out as cauda equina because a pair rule nearer to it lacks its other half
                SemanticNet.Hit hit = hits.get(k).stream().filter(h -> !ruledOut(rules, rules.rule(h.rule()), window.text(), mentions, effectiveAge))
                        .findFirst().orElse(null);
                if (hit == null) {
                    continue;
                }
                if (window.status() == MentionStatus.CURRENT) {
                    semantic.putIfAbsent(hit.rule(), new TriageOutcome.Match(hit.rule(), null, window.text(), hit.exemplar()));
                } else {
                    s.informational = true;
                }
            }
        }
        boolean correction = mentions.stream().anyMatch(x -> x.status() == MentionStatus.CURRENT
                && rules.concepts().get(x.concept()).corrects());
        Set<String> addedConcepts = new java.util.LinkedHashSet<>(present.keySet());
        addedConcepts.removeAll(conceptsBefore);
        addedConcepts.removeIf(c -> !rules.concepts().get(c).symptom() && !rules.redFlagConcepts().contains(c));
        Set<String> addedRules = new java.util.LinkedHashSet<>(semantic.keySet());
        addedRules.removeAll(rulesBefore);
        if (correction && (!s.lastConcepts.isEmpty() || !s.lastRules.isEmpty())) {
            s.confirm = confirmConcept(rules, s.lastConcepts, s.lastRules);
            s.correcting = s.confirm == null ? new java.util.LinkedHashSet<>() : new java.util.LinkedHashSet<>(Set.of(s.confirm));
        } else if (!addedConcepts.isEmpty() || !addedRules.isEmpty()) {
            s.lastConcepts = addedConcepts;
            s.lastRules = addedRules;
        }
        Evaluation now = evaluate(rules, present, semantic, effectiveAge, sex);
        if (now.level == TriageLevel.EMERGENCY && s.emergency == null) {
            s.emergency = new TriageState.Standing(now.level, now.ruleIds(), now.matches, now.response, now.reason);
        }
    }

    /** The conversation's outcome, from what its state holds. */
    private TriageOutcome outcome(RuleSet rules, TriageState s, Integer age, String sex) {
        Map<String, String> present = s.present;
        Integer finalAge = age != null ? age : s.answeredAge;
        Evaluation result = evaluate(rules, present, s.semantic, finalAge, sex);
        // still unsure, after a plainer second asking, about a red flag: be seen today
        List<String> unsureFlags = s.unsure.entrySet().stream().filter(e -> e.getValue() >= 2 && !present.containsKey(e.getKey())
                && rules.redFlagConcepts().contains(e.getKey())).map(Map.Entry::getKey).sorted().toList();
        if (!unsureFlags.isEmpty() && result.level.ordinal() < TriageLevel.URGENT.ordinal()) {
            List<TriageOutcome.Match> matches = unsureFlags.stream()
                    .map(c -> new TriageOutcome.Match(UNSURE_RULE, c, "not sure")).toList();
            result = new Evaluation(TriageLevel.URGENT, List.of(), matches, "urgent", rules.responses().get(UNSURE_REASON).strip(), List.of(UNSURE_RULE));
        }
        boolean stands = false;
        if (s.emergency != null && result.level != TriageLevel.EMERGENCY) {
            TriageState.Standing e = s.emergency; // an emergency, once raised, stands
            result = new Evaluation(e.level(), List.of(), e.matches(), e.response(), e.reason(), e.ruleIds());
            stands = true;
        }
        boolean onlyInformation = s.informational && result.level == TriageLevel.NONE;
        return new TriageOutcome(result.level, result.ruleIds(), result.matches, result.response, result.reason,
                onlyInformation, s.unreadable && result.level == TriageLevel.NONE, stands, rules.version(), s.confirm);
    }

    /** Whether the lexicon's reading of a window rules out a rule the net matched it to. */
    private static boolean ruledOut(RuleSet rules, RedFlagRule rule, String window, List<MentionReader.Mention> mentions, Integer age) {
        return onlyRiskFactor(rules, rule, window, mentions) // "I'm on chemo, which foods should I avoid?": the risk factor alone is no combination
                || readOtherwise(rule, window, mentions) // "which ones point to cauda equina": the rule's words read as not had
                || halfSituation(rule, window, mentions) // "with a bit of a limp" near "limping with a temperature": one half of a pair only
                || tooOld(rules, rule, age); // "my 20 yo son hurt his back": a rule about children needs a child
    }

    /**
     * Whether a window that the net matched to a combination rule says nothing but the rule's risk factor
     * ("im on chemo", "my son is diabetic"): the words left once the lexicon's risk-factor mention is taken
     * out are small words only (readings.yaml's net: small words).
     */
    private static boolean onlyRiskFactor(RuleSet rules, RedFlagRule rule, String window, List<MentionReader.Mention> mentions) {
        if (rule == null) {
            return false;
        }
        String rest = " " + window + " ";
        Set<String> smallWords = rules.readings().words(Readings.Section.SMALL_WORDS);
        boolean found = false;
        for (MentionReader.Mention m : mentions) {
            boolean riskFactor = names(rule, m.concept()) && !rules.concepts().get(m.concept()).symptom();
            if (riskFactor && rest.contains(" " + m.text() + " ")) {
                rest = rest.replace(" " + m.text() + " ", " ");
                found = true;
            }
        }
        if (!found) {
            return false;
        }
        for (String w : rest.strip().split("\\s+")) {
            if (!w.isEmpty() && !smallWords.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the lexicon found words of the rule in this window and read every one of them as negated,
     * hypothetical or history: the net's similarity must not undo that reading.
     */
    private static boolean readOtherwise(RedFlagRule rule, String window, List<MentionReader.Mention> mentions) {
        if (rule == null) {
            return false;
        }
        String padded = " " + window + " ";
        boolean otherwise = false;
        for (MentionReader.Mention m : mentions) {
            if (names(rule, m.concept()) && padded.contains(" " + m.text() + " ")) {
                if (m.status() == MentionStatus.CURRENT) {
                    return false;
                }
                otherwise |= m.status() == MentionStatus.NEGATED || m.status() == MentionStatus.HYPOTHETICAL || m.status() == MentionStatus.HISTORY;
            }
        }
        return otherwise;
    }

    /**
     * Whether a window the net matched to a rule of two or more parts (each {@code all} concept, and the
     * {@code any} list) is read by the lexicon as having one part and lacking another: then the exemplar's
     * likeness comes from the half that is there.
     */
    private static boolean halfSituation(RedFlagRule rule, String window, List<MentionReader.Mention> mentions) {
        if (rule == null) {
            return false;
        }
        List<Set<String>> parts = new java.util.ArrayList<>();
        rule.all().forEach(c -> parts.add(Set.of(c)));
        if (!rule.any().isEmpty()) {
            parts.add(Set.copyOf(rule.any()));
        }
        if (parts.size() < 2) {
            return false;
        }
        String padded = " " + window + " ";
        boolean some = false;
        boolean lacking = false;
        for (Set<String> part : parts) {
            boolean here = mentions.stream().anyMatch(m -> m.status() == MentionStatus.CURRENT && part.contains(m.concept())
                    && padded.contains(" " + m.text() + " "));
            some |= here;
            lacking |= !here;
        }
        return some && lacking;
    }

    /** Whether a known age rules a rule out: it needs a concept that says the person is younger ({@code under_age}). */
    private static boolean tooOld(RuleSet rules, RedFlagRule rule, Integer age) {
        if (rule == null || age == null) {
            return false;
        }
        return rule.all().stream().map(rules.concepts()::get)
                .anyMatch(c -> c != null && c.underAge() != null && age >= c.underAge());
    }

    /** Whether a rule names a concept, in its {@code all} or its {@code any}. */
    private static boolean names(RedFlagRule rule, String concept) {
        return rule.all().contains(concept) || rule.any().contains(concept);
    }

    /** The flag a correction is about, to ask directly: a red-flag concept of the corrected message, or of its net rule. */
    private static String confirmConcept(RuleSet rules, Set<String> concepts, Set<String> netRules) {
        for (String c : concepts) {
            if (rules.redFlagConcepts().contains(c)) {
                return c;
            }
        }
        for (String r : netRules) {
            RedFlagRule rule = rules.rule(r);
            if (rule != null) {
                List<String> all = new ArrayList<>(rule.all());
                all.addAll(rule.any());
                for (String c : all) {
                    if (rules.concepts().get(c).symptom()) {
                        return c;
                    }
                }
            }
        }
        return concepts.isEmpty() ? null : concepts.iterator().next();
    }

    /** The windows' vectors: from the cache, the rest embedded together. */
    private List<float[]> windowVectors(List<String> windows) {
        float[][] out = new float[windows.size()][];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            out[i] = windowVectors.get(windows.get(i));
            if (out[i] == null && !missing.contains(windows.get(i))) {
                missing.add(windows.get(i));
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> fresh = encoder.encodeWindows(missing);
            for (int i = 0; i < missing.size(); i++) {
                windowVectors.put(missing.get(i), fresh.get(i));
            }
            for (int i = 0; i < windows.size(); i++) {
                if (out[i] == null) {
                    out[i] = fresh.get(missing.indexOf(windows.get(i)));
                }
            }
        }
        return java.util.Arrays.asList(out);
    }

    /**
     * The rules that match a set of current concepts, and those the semantic net matched (never held
     * back by age or sex, only by a rule's {@code unless}), highest level first.
     */
    private static Evaluation evaluate(RuleSet rules, Map<String, String> present, Map<String, TriageOutcome.Match> semantic,
                                       Integer age, String sex) {
        List<Matched> matched = new ArrayList<>();
        for (RedFlagRule rule : rules.rules()) {
            // plain loops, not streams: this runs for every rule on every reading of a message
            if (anyPresent(rule.unless(), present)) {
                continue;
            }
            boolean byConcepts = allPresent(rule.all(), present) && (rule.any().isEmpty() || anyPresent(rule.any(), present));
            if (!byConcepts && !(semantic.containsKey(rule.id()) && !partlyFound(rules, rule, present))) {
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
            if (semantic.containsKey(x.rule.id())) {
                matches.add(semantic.get(x.rule.id()));
            }
            x.rule.all().stream().filter(present::containsKey)
                    .forEach(c -> matches.add(new TriageOutcome.Match(x.rule.id(), c, present.get(c))));
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

    private static boolean anyPresent(List<String> concepts, Map<String, String> present) {
        for (String c : concepts) {
            if (present.containsKey(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allPresent(List<String> concepts, Map<String, String> present) {
        for (String c : concepts) {
            if (!present.containsKey(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A combination rule of which the lexicon found a part that is a red flag of its own (and so already
     * routed), but not the rest: the lexicon saw what is there and that the rest is not, so the net may not
     * complete the rule ("my calf is swollen" does not become "a swollen calf with breathlessness"). A
     * part that is no red flag alone ("I've said my goodbyes") can still be completed by the net.
     */
    private static boolean partlyFound(RuleSet rules, RedFlagRule rule, Map<String, String> present) {
        boolean combination = rule.all().size() >= 2 || !rule.all().isEmpty() && !rule.any().isEmpty();
        if (!combination) {
            return false;
        }
        return java.util.stream.Stream.concat(rule.all().stream(), rule.any().stream())
                .anyMatch(c -> present.containsKey(c) && rules.redFlagConcepts().contains(c));
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
                              String response, String reason, List<String> extraRuleIds) {

        Evaluation(TriageLevel level, List<Matched> matched, List<TriageOutcome.Match> matches, String response, String reason) {
            this(level, matched, matches, response, reason, List.of());
        }

        List<String> ruleIds() {
            List<String> ids = new ArrayList<>(extraRuleIds);
            matched.forEach(m -> ids.add(m.rule.id()));
            return ids;
        }
    }
}
