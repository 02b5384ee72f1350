package org.symptomchecker.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds concept mentions in one message and judges each in its clause: negated (NegEx-style triggers
 * before or right after it), history (dated more than 48 hours back), hypothetical (a condition or an
 * information question), or current.
 */
final class MentionReader {

    /** A concept found in a message, with the words it was found in and how it was meant. */
    record Mention(String concept, String text, MentionStatus status) {
    }

    private static final int NEGATION_WINDOW = 6;
    private static final int HISTORY_REACH = 4;
    private static final Set<String> QUESTION_WORDS = Set.of("what", "whats", "how", "is", "are", "can", "could", "does", "do",
            "should", "would", "why", "when", "which", "who", "will", "any", "anything");
    private static final Set<String> NEGATIONS = Set.of("no", "not", "never", "without", "denies", "denied", "deny",
            "dont", "doesnt", "didnt", "havent", "hasnt", "hadnt", "isnt", "arent", "wasnt", "werent", "nor",
            "neither", "none", "nothing", "aint");
    private static final Set<String> POST_NEGATIONS = Set.of("none", "negative", "denied", "absent");
    /** "breathing is fine", "lips and throat fine": the parts a "fine" after them denies, the words that say so, and what may stand between. */
    private static final Set<String> SAID_NORMAL = Set.of("breathing", "breathings", "breathe", "breath", "lips", "lip", "throat",
            "tongue", "face", "mouth", "aorta");
    private static final Set<String> NORMAL = Set.of("fine", "ok", "okay", "normal", "good", "unaffected", "clear", "easy");
    private static final Set<String> FILLERS = Set.of("is", "s", "was", "are", "and", "totally", "completely", "absolutely", "perfectly",
            "seems", "feels", "look", "looks", "still", "all");
    /** Words after a negation that make it no negation at all: "not sure", "dont know", "no idea", "no better". */
    private static final Set<String> NOT_NEGATING_NEXT = Set.of("sure", "only", "know", "idea", "better", "improving",
            "getting", "stopping", "stop", "go", "going", "away", "helping", "help", "helped", "worse", "matter",
            // pseudo-negations: "no relief", "no doubt", "not just", "nothing helps", "no one", "without warning"
            "relief", "doubt", "just", "helps", "stops", "works", "worked", "working", "eases", "eased", "easing",
            "touches", "touched", "relieves", "relieved", "shifts", "shifting", "one", "warning", "reason", "end", "let",
            "letting", "settling", "settle", "settles", "change", "difference",
            // a lasting state, not a denial: "no spleen and a fever"; something still going: "hasn't stopped"
            "spleen", "stopped", "finished", "ended", "settled", "reducing", "subsiding", "clearing", "lessening");
    private static final Set<String> FEEL = Set.of("feel", "feal", "feeling", "felt");
    private static final Set<String> CANT = Set.of("cant", "cannot", "couldnt", "dont", "didnt", "doesnt", "aint");
    /** "never had pain like this before": a negation followed by one of these in its clause says the symptom is new. */
    private static final List<String> NEW_NOT_NEGATED = List.of("like this", "like that", "like it", "this bad",
            "so bad", "this severe", "so severe", "this before", "anything like");
    /** A tail that widens a denial to similar things ("no chest pain or anything like that"). */
    private static final List<String> GENERALISING_TAILS = List.of("or anything", "or owt", "or something like", "or the like",
            "or similar", "or any of that", "or that sort");
    /** Hedged denials: the person is not sure, so the safe reading is that the flag may be there. */
    private static final List<String> HEDGES = List.of("dont think", "dont really think", "not sure", "dont know if",
            "dont know whether", "not certain", "maybe not", "probably not", "i doubt", "hard to say", "cant tell",
            "cant be sure", "not really sure");
    /** "I read about cauda equina", "should I be worried about meningitis": the named condition is asked about. */
    private static final List<String> ABOUT_A_CONDITION = List.of("read", "reading", "heard", "hearing", "about",
            "worried", "worry", "worrying", "scared", "afraid", "frightened", "googled", "googling", "looked up",
            "article", "video", "documentary", "tiktok", "told me about", "they talk about", "people talk about", "what counts as", "is it", "could it be", "could this be",
            "might be", "might it be", "rule out", "ruled out", "checked for", "checked myself for", "screened for", "tested for", "test for", "died of", "died from",
            "passed away", "family history", "runs in", "revising", "studying", "exam", "curious", "mentioned", "case of",
            "project", "homework", "essay", "assignment", "course", "lecture", "class on", "screenwriter", "writer", "script",
            "look like", "what would", "both had", "side of the family", "kept saying", "keeps saying", "no idea what");
    /** "I don't have any of that": a named condition denied in the same or the next sentence. */
    private static final List<String> DENIES_ALL = List.of("dont have any of that", "dont have any of those",
            "dont have any of them", "none of that", "none of those", "none of them", "dont have that", "dont have those",
            "havent got any of that", "not got any of that", "havent got any of those", "no symptoms of", "none of the symptoms",
            "dont have any symptoms", "not had any of that", "havent had any of that", "nothing like that");
    /** A new subject ends a negation's reach: "no fever and i cant pee". */
    private static final Set<String> SUBJECTS = Set.of("i", "im", "ive", "id", "ill", "my", "he", "hes", "she", "shes",
            "they", "theyre", "his", "her", "their", "we", "our", "it", "its");
    private static final Set<String> RECENT = Set.of("now", "today", "tonight", "yesterday", "since", "this", "suddenly", "recently", "just");
    private static final Set<String> SEGMENT_JOINS = Set.of("and", "then", "now", "so", "because", "since", "also", "plus", "while");
    private static final Set<String> POSSESSIVES = Set.of("my", "his", "her", "their", "our", "your");
    private static final Set<String> PERSONS = Set.of("i", "im", "ive", "id", "ill", "my", "me", "mine", "myself",
            "we", "our", "us", "he", "hes", "she", "shes", "his", "her", "him", "they", "their", "them", "theyre",
            "dad", "mum", "mom", "mother", "father", "son", "daughter", "wife", "husband", "partner", "friend",
            "baby", "child", "kid", "boy", "girl", "grandma", "grandad", "granddad", "nan", "brother", "sister");
    private static final List<String> CONDITIONALS = List.of("if", "what if", "in case", "incase", "were to", "whether",
            "should i get", "in the event");
    /** Not a condition at all: "as if" is a comparison, "what if I told you I have" reports a present symptom. */
    private static final List<String> NOT_CONDITIONALS = List.of("as if", "what if i told you", "if i told you",
            "what if i said", "if i said", "what if i say", "if i say", "even if", "feels like if", "if im honest", "if that makes sense", "if you know what i mean", "if it helps",
            "if that matters", "if thats relevant", "if its relevant",
            // "is it an allergy if my throat feels like its closing": a question about what is happening
            "allergy if", "reaction if", "normal if", "serious if",
            "if im being honest", "if i am honest");
    private static final List<String> INFORMATION = List.of("signs of", "sign of", "symptoms of", "symptom of",
            "what is", "whats", "what are", "what causes", "causes of", "cause of", "how do i know", "how do you know",
            "how can i tell", "how would i know", "how do i tell", "risk of", "risks of", "chance of", "chances of",
            "tell me about", "information about", "how long should", "asked me what", "asked what", "wants to know what",
            "just curious", "how to talk about", "what counts as", "leaflet mentions", "leaflet says", "what makes", "how do you", "how to do", "reading about", "scared of getting", "worried about getting",
            "afraid of getting", "ill get", "youll get", "you will get", "what temp", "what temperature", "check for", "checking for",
            "writing up", "look for", "screen for", "screening for", "test for", "checked for", "how to recognise", "how to recognize", "how to spot", "how to tell", "course", "first aid", "read that", "heard that", "novel", "fiction", "character in", "writing a", "poster", "info about", "info on", "writing an", "learn about", "explain", "difference between",
            "can you get", "can you catch", "prevent", "avoid", "what happens", "what does", "warning signs",
            "red flags", "when should", "when to", "why does", "why do", "homework", "hw", "assignment", "revision",
            "can you list", "can u list", "list the", "training", "outbreak", "news", "vaccine", "vaccines", "is that true", "is it true", "is this true");
    /** Verbs that report what someone else claims ("she says", "I read"). */
    private static final List<String> CLAIM_VERBS = List.of("says", "said", "told", "tells", "heard", "read", "reckons", "claims",
            "saying", "thinks");
    /** Said after a claim to check it: the claim is information, not a symptom. */
    private static final List<String> CHECKING_A_CLAIM = List.of("is that true", "is it true", "is this true", "true or false",
            "is that right", "is that a myth", "or is that a myth");
    /** Words that say a person has something now, which an information question cannot undo. */
    private static final List<String> PRESENT = List.of("i have", "i got", "ive got", "ive had", "ive been", "im having",
            "im getting", "im in", "i am", "i cant", "i keep", "i feel", "i think i", "he has", "she has", "he cant",
            "she cant", "they have", "has been", "is having", "keeps", "right now", "at the moment", "currently",
            "is it normal to", "is it normal for", "is this normal", "is that normal");
    /** "started last week", "for the past 3 days": a dated start of something still going on is current. */
    private static final Pattern ONSET = Pattern.compile("\\b(started|start|began|begun|came\\s+on|come\\s+on|kicked\\s+in|(?<!nothing\\s)(?<!none\\s)(?<!not\\s)(?<!never\\s)since|been|(for|in)\\s+the\\s+(last|past)|ongoing|still|keeps|getting|again|(\\d+|one|two|three|four|five|a)\\s+(day|week|hour|month)s?\\s+(history|hx)|than\\s+(last|yesterday|before))\\b");
    /** A condition had at an age or in a decade of life: "my dad had an aneurysm at 68", "strokes in their sixties". */
    private static final Pattern NAMED_HISTORY = Pattern.compile("\\b(had|has had|died|diagnosed)\\b.*\\bat\\s+(the\\s+age\\s+of\\s+)?\\d{2}\\b(?!\\s*(am|pm))"
            + "|\\bin\\s+(his|her|their|my|our)\\s+(teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\\b"
            + "|\\bas\\s+a\\s+(kid|child|baby|teenager|toddler)\\b");
    /** A calendar year, a decade or "years ago" dates its whole segment ("back in 2008 I was in a bad car crash"). */
    private static final Pattern YEAR_DATED = Pattern.compile("\\b(in|during)\\s+(19|20)\\d\\d\\b|\\b(years|decades)\\s+(ago|back)\\b"
            + "|\\bin\\s+the\\s+((19)?[5-9]0s|sixties|seventies|eighties|nineties)\\b|\\bwhen\\s+(i|he|she|they)\\s+(was|were)\\s+(a\\s+)?(child|kid|teenager|teen|baby|little|young|toddler)\\b|\\bas\\s+a\\s+(child|kid|teen|teenager|baby|toddler)\\b|\\b(few|couple\\s+of|two|three|four|five|several|many)\\s+(months|years)\\s+back\\b");
    private static final Pattern HISTORY = Pattern.compile(
            "\\b((([3-9]|[1-9]\\d+|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|several|many|few)\\s+"
                    + "(days?|weeks?|wks?|months?|years?|yrs?))|(a|an|one|two)\\s+(weeks?|months?|years?|yrs?)"
                    + "|years|decades?|ages|couple\\s+of\\s+(weeks|months|years))\\s+ago\\b"
                    + "|\\b(years|yrs|decades)\\s+back\\b"
                    + "|(?<!\\bthe\\s)\\blast\\s+(week|month|year|summer|winter|spring|autumn|fall|christmas)\\b"
                    + "|\\bas\\s+a\\s+(child|kid|teen|teenager|baby|toddler)\\b"
                    + "|\\bwhen\\s+(i|he|she)\\s+was\\s+(young|younger|little|small|a\\s+kid|a\\s+child|pregnant|diagnosed|\\d+)\\b"
                    + "|\\bin\\s+(the\\s+)?(19|20)\\d\\ds?\\b|(?<!\\bno\\s)(?<!\\bnil\\s)\\bhistory\\s+of\\b|\\bused\\s+to\\b|\\bin\\s+the\\s+past\\b|\\bpreviously\\b|(?<!\\b(did|done|does|do|doing)\\s(my|his|her|their|your)\\s)\\bback\\s+in\\b|\\bprevious\\b|\\bprior\\b|\\bpmh\\b");

    private MentionReader() {
    }

    static List<Mention> read(RuleSet rules, NormalizedText text, Set<String> realWords) {
        List<Mention> out = new ArrayList<>();
        List<NormalizedText.Sentence> sentences = text.sentences;
        for (int k = 0; k < sentences.size(); k++) {
            NormalizedText.Sentence s = sentences.get(k);
            List<PatternMatcher.Hit> hits = rules.matcher().find(s.words(), realWords);
            List<PatternMatcher.Hit> figures = hits.stream().filter(h -> rules.concepts().get(h.conceptId()).figurative()).toList();
            for (PatternMatcher.Hit hit : hits) {
                Concept concept = rules.concepts().get(hit.conceptId());
                if (!concept.figurative() && figures.stream().anyMatch(f -> takesBack(rules.concepts().get(f.conceptId()), f, hit, s))) {
                    // inside a figure of speech ("England choked in the final"): not a symptom
                    out.add(new Mention(concept.id(), words(s, hit.start(), hit.end()), MentionStatus.HYPOTHETICAL));
                    continue;
                }
                MentionStatus status = concept.isName(words(s, hit.start(), hit.end()))
                        ? namedStatus(s, k + 1 < sentences.size() ? sentences.get(k + 1) : null, hit)
                        : status(s, hit, concept);
                out.add(new Mention(concept.id(), words(s, hit.start(), hit.end()), status));
            }
        }
        return out;
    }

    /** Sentence openers that make what follows a supposition: "say my grandad fell", "suppose I get chest pain". */
    /** A sentence that opens like a question asks about a condition it names, question mark or not. */
    private static final Set<String> QUESTION_OPENERS = Set.of("is", "are", "can", "could", "does", "do", "what", "whats", "how",
            "why", "which", "should", "would", "will");
    private static final Set<String> SUPPOSE_OPENERS = Set.of("say", "suppose", "supposing", "imagine", "hypothetically", "hypothetical");

    /**
     * The words of the clause before word {@code i}, back to its start, that an "if" among them still
     * governs: an "if" reaches across "and" ("if I got stung and my throat swelled") but not past a pause
     * ("if I lie down, I can't breathe" states a symptom).
     */
    private static String conditionScope(NormalizedText.Sentence s, int i) {
        int clause = s.clause()[i];
        int from = i;
        while (from > 0 && s.clause()[from - 1] == clause && !s.commaBefore()[from]) {
            from--;
        }
        return words(s, from, i - 1);
    }

    /** A stretch of a sentence the semantic net compares with its bank, and how it is meant. */
    record Window(String text, MentionStatus status) {
    }

    static final int WINDOW_MIN_WORDS = 3;
    static final int WINDOW_MAX_WORDS = 40;

    /**
     * The windows of a message: each segment of a clause (clauses end at "but", "however" ...; segments
     * at a pause or "and now", "and i" ...), a short one joined to the next, a long one cut at 40 words.
     * Each is judged like a mention: negated, history, hypothetical or current.
     */
    static List<Window> windows(RuleSet rules, NormalizedText text, Set<String> realWords) {
        List<Window> out = new ArrayList<>();
        for (NormalizedText.Sentence s : text.sentences) {
            if (rules.matcher().find(s.words(), realWords).stream().anyMatch(h -> rules.concepts().get(h.conceptId()).figurative())) {
                continue; // a figure of speech: "this deadline nearly gave me a heart attack"
            }
            String[] w = s.words();
            int from = 0;
            for (int i = 1; i <= w.length; i++) {
                boolean boundary = i == w.length || s.clause()[i] != s.clause()[i - 1] || segmentStart(s, i);
                if (!boundary || (i - from < WINDOW_MIN_WORDS && i < w.length && s.clause()[i] == s.clause()[i - 1])) {
                    continue;
                }
                for (int a = from; a < i; a += WINDOW_MAX_WORDS) {
                    int b = Math.min(i, a + WINDOW_MAX_WORDS) - 1;
                    if (b - a + 1 >= WINDOW_MIN_WORDS || from == 0 && i == w.length && b - a + 1 >= 2) {
                        out.add(new Window(words(s, a, b), windowStatus(s, a, b)));
                    }
                }
                from = i;
            }
        }
        return out;
    }

    private static MentionStatus windowStatus(NormalizedText.Sentence s, int from, int to) {
        String[] w = s.words();
        String sentence = " " + String.join(" ", w) + " ";
        if (DENIES_ALL.stream().anyMatch(d -> sentence.contains(" " + d + " "))) {
            return MentionStatus.NEGATED;
        }
        if (from > 0 && s.commaBefore()[from] && deniedList(s, from - 1, from, s.clause()[from])) {
            return MentionStatus.NEGATED; // the later items of "denies leg weakness, saddle numbness, ..."
        }
        String start = " " + words(s, 0, to) + " ";
        if (ABOUT_A_CONDITION.stream().anyMatch(t -> !t.equals("about") && start.contains(" " + t + " "))) {
            return MentionStatus.HYPOTHETICAL;
        }
        for (int i = from; i <= to; i++) {
            if (NEGATIONS.contains(w[i]) && !pseudoNegation(s, i) && !describes(s, i, to)) {
                return MentionStatus.NEGATED;
            }
        }
        String text = " " + words(s, from, to) + " ";
        if (HISTORY.matcher(text).find() && !ONSET.matcher(text).find()
                || YEAR_DATED.matcher(text).find() && !ONSET.matcher(text.replace(" since ", " ")).find()) {
            return MentionStatus.HISTORY; // "no spleen since an accident years ago": the year dates the "since" too
        }
        int clause = s.clause()[from];
        int clauseStart = from;
        while (clauseStart > 0 && s.clause()[clauseStart - 1] == clause) {
            clauseStart--;
        }
        String upTo = " " + words(s, clauseStart, to) + " ";
        boolean conditional = (CONDITIONALS.stream().anyMatch(t -> upTo.contains(" " + t + " ")) || SUPPOSE_OPENERS.contains(w[0]))
                && NOT_CONDITIONALS.stream().noneMatch(t -> upTo.contains(" " + t + " "));
        boolean present = PRESENT.stream().anyMatch(p -> upTo.contains(" " + p + " "));
        if (conditional && !present) {
            return MentionStatus.HYPOTHETICAL;
        }
        for (String trigger : INFORMATION) {
            int at = upTo.indexOf(" " + trigger + " ");
            if (at >= 0 && !present && !mentionsPerson(upTo.substring(at + trigger.length() + 1))) {
                return MentionStatus.HYPOTHETICAL;
            }
        }
        if (s.question() && !present && !hasPerson(s, clause)) {
            return MentionStatus.HYPOTHETICAL;
        }
        return MentionStatus.CURRENT;
    }

    /**
     * A condition's name counts only when the person says they (or someone) have it: asking about it,
     * reading about it or denying all of it ("I read about cauda equina but I don't have any of that")
     * does not.
     */
    private static MentionStatus namedStatus(NormalizedText.Sentence s, NormalizedText.Sentence next, PatternMatcher.Hit hit) {
        String sentence = " " + String.join(" ", s.words()) + " ";
        String following = next == null ? "" : " " + String.join(" ", next.words()) + " ";
        if (DENIES_ALL.stream().anyMatch(d -> sentence.contains(" " + d + " ") || following.contains(" " + d + " "))) {
            return MentionStatus.NEGATED;
        }
        String before = " " + words(s, 0, hit.start() - 1) + " ";
        String justBefore = " " + words(s, Math.max(0, hit.start() - 3), hit.start() - 1) + " ";
        boolean aboutIt = hit.start() > 0 && CONDITION_PREPOSITIONS.contains(s.words()[hit.start() - 1])
                && HAVING.stream().noneMatch(h -> justBefore.contains(" " + h + " "));
        if (aboutIt || s.question() || QUESTION_OPENERS.contains(s.words()[0]) || ABOUT_A_CONDITION.stream().anyMatch(t -> before.contains(" " + t + " "))
                || INFORMATION.stream().anyMatch(t -> before.contains(" " + t + " "))
                || CONDITIONALS.stream().anyMatch(t -> before.contains(" " + t + " "))) {
            return MentionStatus.HYPOTHETICAL;
        }
        int clause = s.clause()[hit.start()];
        if (negatedBefore(s, hit.start(), clause) || negatedAfter(s, hit.end(), clause)) {
            return MentionStatus.NEGATED;
        }
        String dated = " " + segment(s, hit.start()) + " ";
        return HISTORY.matcher(dated).find() || NAMED_HISTORY.matcher(dated).find() ? MentionStatus.HISTORY : MentionStatus.CURRENT;
    }

    private static MentionStatus status(NormalizedText.Sentence s, PatternMatcher.Hit hit, Concept concept) {
        String[] w = s.words();
        int clause = s.clause()[hit.start()];
        if (negatedBefore(s, hit.start(), clause) || negatedAfter(s, hit.end(), clause) || negatedWithin(s, hit)) {
            return hedged(s, hit.start(), clause) ? MentionStatus.UNCERTAIN : MentionStatus.NEGATED;
        }
        String clauseText = " " + s.clauseText(clause) + " ";
        String dated = " " + around(s, hit) + " ";
        String whole = " " + segment(s, hit.start()) + " ";
        String datedAround = " " + aroundOutside(s, hit) + " "; // "since an accident years ago": the concept's own "since" is no onset
        if (!concept.historyCounts() && (HISTORY.matcher(dated).find() && !ONSET.matcher(dated).find() && !ONSET.matcher(whole).find()
                || YEAR_DATED.matcher(whole).find() && !ONSET.matcher(datedAround).find())) {
            return MentionStatus.HISTORY;
        }
        String before = " " + words(s, segmentFrom(s, hit.start()), hit.start() - 1) + " ";
        boolean possessed = hit.start() > 0 && POSSESSIVES.contains(w[hit.start() - 1]);
        String governed = " " + conditionScope(s, hit.start()) + " ";
        boolean conditional = (CONDITIONALS.stream().anyMatch(t -> before.contains(" " + t + " " ) || governed.contains(" " + t + " "))
                || SUPPOSE_OPENERS.contains(w[0]))
                && NOT_CONDITIONALS.stream().noneMatch(t -> before.contains(" " + t + " ") || governed.contains(" " + t + " "));
        if ((!possessed || governed.contains(" if ")) && conditional && !(concept.conditionalCounts() && !s.question())) {
            return MentionStatus.HYPOTHETICAL;
        }
        boolean present = PRESENT.stream().anyMatch(p -> clauseText.contains(" " + p + " "));
        for (String trigger : INFORMATION) {
            int at = before.indexOf(" " + trigger + " ");
            // "is it normal to have numbness in my bum": a person after the question words makes it their symptom
            if (at >= 0 && !present && !mentionsPerson(before.substring(at + trigger.length() + 1) + " " + words(s, hit.start(), hit.end()))) {
                return MentionStatus.HYPOTHETICAL;
            }
        }
        if (s.question() && !present && !hasPerson(s, clause) && QUESTION_WORDS.contains(w[segmentFrom(s, hit.start())])) {
            return MentionStatus.HYPOTHETICAL;
        }
        String after = " " + words(s, hit.end() + 1, w.length - 1) + " ";
        if (!present && !possessed && CLAIM_VERBS.stream().anyMatch(v -> before.contains(" " + v + " "))
                && CHECKING_A_CLAIM.stream().anyMatch(t -> after.contains(" " + t + " "))) {
            return MentionStatus.HYPOTHETICAL; // "she says blue lips means no oxygen, is that true?": a claim checked, not a symptom
        }
        return MentionStatus.CURRENT;
    }

    private static boolean negatedBefore(NormalizedText.Sentence s, int start, int clause) {
        String[] w = s.words();
        for (int i = start - 1; i >= 0 && i >= start - NEGATION_WINDOW && s.clause()[i] == clause; i--) {
            if (s.commaBefore()[i + 1] && !listItem(s, i + 1, start)) {
                return deniedList(s, i, start, clause); // a pause ends a negation's reach, except in a list
            }
            if (NEGATIONS.contains(w[i]) && !pseudoNegation(s, i)) {
                if (negatesAnAct(s, i, start)) {
                    return false; // "not dieting and back hurts at night", "not eating and vomiting": the "not" denies an act, "and" goes on
                }
                // "I can't say there's no chest pain": a denial denied is a report
                String lead = " " + words(s, Math.max(0, i - 3), i - 1) + " ";
                return !(lead.contains(" cant say ") || lead.contains(" cannot say ") || lead.contains(" couldnt say ")
                        || lead.contains(" wouldnt say ") || lead.contains(" not that "));
            }
            if ((w[i].equals("free") || w[i].equals("negative")) && i + 1 < start && (w[i + 1].equals("of") || w[i + 1].equals("for"))) {
                return true;
            }
            if (i + 1 < start && (w[i].equals("ruled") || w[i].equals("rule")) && w[i + 1].equals("out")) {
                return true;
            }
            if (SUBJECTS.contains(w[i])) {
                // "it's not that I can't feel it", "I wouldn't say my legs are weak": the denial governs what follows
                String lead = " " + words(s, Math.max(0, i - 2), i - 1) + " ";
                return lead.contains(" not that ") || lead.contains(" wouldnt say ") || lead.contains(" wouldnt call ")
                        || lead.contains(" never said ");
            }
        }
        return false;
    }

    /**
     * Whether the negation at {@code i} denies an act ("not dieting", "not sleeping") that an "and" then
     * leaves before the mention at {@code start}: what follows the "and" is said, not denied.
     */
    private static boolean negatesAnAct(NormalizedText.Sentence s, int i, int start) {
        String[] w = s.words();
        if (!(w[i].equals("not") || w[i].equals("never")) || i + 1 >= start || !w[i + 1].endsWith("ing") || w[i + 1].length() < 6) {
            return false;
        }
        for (int k = i + 2; k < start; k++) {
            if (w[k].equals("and")) {
                return true;
            }
        }
        return false;
    }

    /** "which ones point to cauda equina", "the signs of a stroke": a name after one of these is talked about, not had. */
    private static final Set<String> CONDITION_PREPOSITIONS = Set.of("to", "of", "about", "for", "between", "like", "from");
    /** ... unless the person is said to have it: "diagnosed with", "sent in for suspected". */
    private static final List<String> HAVING = List.of("have", "has", "had", "got", "diagnosed", "suspected", "suspect", "having", "possible", "probable");

    /** Things people go without that are no denial of a symptom: "without a helmet". */
    private static final Set<String> WITHOUT_OBJECTS = Set.of("helmet", "seatbelt", "belt", "coat", "jacket", "shoes", "gloves",
            "glasses", "lifejacket", "harness");

    /** Cues that govern a whole list in clinical notes: "denies leg weakness, saddle numbness, urinary or bowel change, and fever". */
    private static final Set<String> LIST_DENIALS = Set.of("denies", "denied", "denying", "nil", "negative");

    /**
     * Whether a denial cue such as "denies" stands before the comma at {@code i} in the same clause, within
     * 15 words of the mention at {@code start}, with no new subject or "but" between: then the whole list
     * is denied.
     */
    private static boolean deniedList(NormalizedText.Sentence s, int i, int start, int clause) {
        String[] w = s.words();
        for (int k = i; k >= 0 && k >= start - 15 && s.clause()[k] == clause; k--) {
            if (LIST_DENIALS.contains(w[k])) {
                return true;
            }
            if (SUBJECTS.contains(w[k]) || w[k].equals("but") || w[k].equals("now")) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether the words from {@code from} (just after a comma) to the mention at {@code start} are the
     * next items of a list ("denies numbness, weakness or bladder problems"): at most three words, no
     * new subject, so a negation before the comma still governs them.
     */
    private static boolean listItem(NormalizedText.Sentence s, int from, int start) {
        String[] w = s.words();
        if (start - from > 3) {
            return false;
        }
        boolean or = false;
        for (int i = from; i < start; i++) {
            if (SUBJECTS.contains(w[i]) || w[i].equals("but")) {
                return false;
            }
            or |= w[i].equals("or") || w[i].equals("nor");
        }
        if (!or) { // a middle item: "denies numbness, weakness, or bladder problems"
            int next = start + 1;
            while (next < w.length && next <= start + 3 && !s.commaBefore()[next]) {
                next++;
            }
            or = next < w.length && s.commaBefore()[next] && (w[next].equals("or") || w[next].equals("nor"));
        }
        return or; // without an "or" it is no list: "no fever, crushing chest pain" still has the chest pain
    }

    /** "face is not drooping": a negation in the words a pattern's gap skipped. */
    private static boolean negatedWithin(NormalizedText.Sentence s, PatternMatcher.Hit hit) {
        Set<String> patternWords = new java.util.HashSet<>(java.util.Arrays.asList(hit.pattern().replace('|', ' ').replace("*", "").split("\\s+")));
        for (int i = hit.start() + 1; i < hit.end(); i++) {
            String w = s.words()[i];
            if (NEGATIONS.contains(w) && !patternWords.contains(w) && !pseudoNegation(s, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a time phrase must stand in to date a mention: up to four words either side, within its
     * segment ("back pain after my spinal surgery 2 weeks ago" dates the surgery, not the pain).
     */
    private static String around(NormalizedText.Sentence s, PatternMatcher.Hit hit) {
        int from = Math.max(segmentFrom(s, hit.start()), hit.start() - HISTORY_REACH);
        int to = hit.end();
        while (to + 1 < s.words().length && to + 1 <= hit.end() + HISTORY_REACH && s.clause()[to + 1] == s.clause()[hit.start()]
                && !segmentStart(s, to + 1)) {
            to++;
        }
        return words(s, from, to);
    }

    /** {@link #around}'s words without the mention's own. */
    private static String aroundOutside(NormalizedText.Sentence s, PatternMatcher.Hit hit) {
        String own = " " + words(s, hit.start(), hit.end()) + " ";
        return (" " + around(s, hit) + " ").replaceFirst(Pattern.quote(own), " ").strip();
    }

    /** Negations made with a helping verb ("doesnt", "hasnt"): they deny only what a verb of having or noticing takes. */
    private static final Set<String> AUXILIARY_NEGATIONS = Set.of("dont", "doesnt", "hasnt", "havent", "hadnt");
    /** What such a negation denies: "I don't have any numbness", "he hasn't got a fever", "I don't feel any weakness". */
    private static final Set<String> DENYING_NEXT = Set.of("have", "has", "had", "got", "feel", "notice", "noticed", "think",
            "seem", "any", "anything", "get", "experience", "suffer", "hurt", "hurts");

    /**
     * Whether a helping-verb negation inside a net window is part of what the window describes ("he hasn't
     * managed to pass water", "words that don't make any sense", "the rash doesn't fade"), not a denial:
     * the net then judges the window against its exemplars, benign denials included.
     */
    private static boolean describes(NormalizedText.Sentence s, int i, int to) {
        String[] w = s.words();
        if (!AUXILIARY_NEGATIONS.contains(w[i]) || i + 1 > to) {
            return false;
        }
        int next = i + 1;
        while (next < to && (w[next].equals("really") || w[next].equals("actually") || w[next].equals("even"))) {
            next++;
        }
        return !DENYING_NEXT.contains(w[next]);
    }

    /** The words of the segment holding word {@code i}. */
    private static String segment(NormalizedText.Sentence s, int i) {
        int to = i;
        while (to + 1 < s.words().length && s.clause()[to + 1] == s.clause()[i] && !segmentStart(s, to + 1)) {
            to++;
        }
        return words(s, segmentFrom(s, i), to);
    }

    private static boolean segmentStart(NormalizedText.Sentence s, int i) {
        String[] w = s.words();
        return s.commaBefore()[i] || newStretch(s, i);
    }

    /** Whether word {@code i} opens a stretch about now or another subject: "now", "today", "and now", "and i". */
    private static boolean newStretch(NormalizedText.Sentence s, int i) {
        String[] w = s.words();
        return w[i].equals("now") || w[i].equals("today") || w[i].equals("tonight")
                || SEGMENT_JOINS.contains(w[i]) && i + 1 < w.length && (SUBJECTS.contains(w[i + 1]) || RECENT.contains(w[i + 1]));
    }

    /**
     * Whether a figure of speech takes back a mention: a plain figure takes back any mention it overlaps
     * ("my face is still numb ... from the dentist"); a frame ("a thriller where ...", "my dog has ...") also
     * takes back what follows it up to the end of its clause or a new stretch about now ("and now", "and i");
     * a mere pause (a list's commas) does not stop a frame.
     */
    private static boolean takesBack(Concept figure, PatternMatcher.Hit f, PatternMatcher.Hit hit, NormalizedText.Sentence s) {
        if (!figure.frame()) {
            return hit.start() <= f.end() && f.start() <= hit.end();
        }
        if (hit.start() < f.start()) {
            return false;
        }
        int to = f.end() + 1;
        while (to < s.words().length && s.clause()[to] == s.clause()[f.end()] && !newStretch(s, to)) {
            to++;
        }
        return hit.start() < to;
    }

    /** Where the segment holding word {@code i} starts (a pause, or "and now", "and i" ...). */
    private static int segmentFrom(NormalizedText.Sentence s, int i) {
        int clause = s.clause()[i];
        int from = i;
        while (from > 0 && s.clause()[from - 1] == clause && !segmentStart(s, from)) {
            from--;
        }
        return from;
    }

    /**
     * A negation word that does not deny what follows: "no relief", "not just", "nothing helps",
     * "without (any) warning", and "never ... like this before" (which says the symptom is new).
     */
    private static boolean pseudoNegation(NormalizedText.Sentence s, int i) {
        String[] w = s.words();
        int next = i + 1;
        if (next < w.length && (w[next].equals("any") || w[next].equals("real")) && next + 1 < w.length) {
            next++; // "without any warning", "no real relief"
        }
        if (next < w.length && NOT_NEGATING_NEXT.contains(w[next])) {
            return true;
        }
        if (next + 1 < w.length && (w[next].equals("gonna") || w[next].equals("going")) && (w[next + 1].equals("lie") || w[next + 1].equals("to")
                && next + 2 < w.length && w[next + 2].equals("lie"))) {
            return true; // "not gonna lie, I shoot up": a figure of speech, no denial
        }
        if (w[i].equals("without") && next + 1 < w.length && (w[next].equals("a") || w[next].equals("an") || w[next].equals("my"))
                && WITHOUT_OBJECTS.contains(w[next + 1])) {
            return true; // "came off my bike without a helmet and hit my head": the head injury stands
        }
        if (next < w.length && (w[next].equals("lie") || w[next].equals("kidding") || w[next].equals("joking") || w[next].equals("lying"))) {
            return true; // "no lie", "not kidding"
        }
        if (w[i].equals("nothing") && i >= 2 && FEEL.contains(w[i - 1]) && CANT.contains(w[i - 2])) {
            return true; // "I can't feel nothing round my bottom": a double negative says the feeling is gone
        }
        if (next < w.length && (w[next].equals("like") || w[next].equals("of"))) {
            return false; // "nothing like that", "none of that": a denial of what was asked
        }
        // "never had pain like this before": the phrase must follow in the same stretch, before a pause
        int to = i + 1;
        while (to < w.length && !s.commaBefore()[to]) {
            to++;
        }
        String rest = " " + words(s, i + 1, to - 1) + " ";
        if (w[i].equals("never") && rest.indexOf(" before ") > 0) {
            return true; // "she's never been incontinent before": it is new, not denied ("never before" alone still denies)
        }
        if (GENERALISING_TAILS.stream().anyMatch(p -> rest.contains(" " + p + " "))) {
            return false; // "no chest pain or anything like that": the tail widens the denial, it does not say new
        }
        return NEW_NOT_NEGATED.stream().anyMatch(p -> rest.contains(" " + p + " "));
    }

    /** A denial hedged by doubt ("I don't think I have numbness", "not sure if it's gone"). */
    private static boolean hedged(NormalizedText.Sentence s, int start, int clause) {
        String before = " " + words(s, Math.max(0, start - NEGATION_WINDOW - 2), start - 1) + " ";
        return HEDGES.stream().anyMatch(h -> before.contains(" " + h + " "));
    }

    private static boolean mentionsPerson(String text) {
        for (String word : text.strip().split("\\s+")) {
            if (PERSONS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean negatedAfter(NormalizedText.Sentence s, int end, int clause) {
        String[] w = s.words();
        if (SAID_NORMAL.contains(w[end])) { // "breathing's totally fine", "lips and throat fine": nothing wrong there
            for (int i = end + 1; i < w.length && i <= end + 4 && s.clause()[i] == clause; i++) {
                if (NORMAL.contains(w[i])) {
                    return true;
                }
                if (!FILLERS.contains(w[i]) && !SAID_NORMAL.contains(w[i])) {
                    break;
                }
            }
        }
        for (int i = end + 1; i < w.length && i <= end + 2 && s.clause()[i] == clause; i++) {
            if (POST_NEGATIONS.contains(w[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasPerson(NormalizedText.Sentence s, int clause) {
        for (int i = 0; i < s.words().length; i++) {
            if (s.clause()[i] == clause && PERSONS.contains(s.words()[i])) {
                return true;
            }
        }
        return false;
    }

    private static String words(NormalizedText.Sentence s, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, from); i <= to && i < s.words().length; i++) {
            sb.append(s.words()[i]).append(' ');
        }
        return sb.toString().strip();
    }
}
