package org.symptomchecker.triage;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and validates the rule files of a guardrails folder. Every problem is reported with its file,
 * id and line; nothing is half-loaded: either a whole valid {@link RuleSet} or an exception.
 */
public final class RuleSetLoader {

    static final List<String> REQUIRED_RESPONSES = List.of("emergency", "urgent", "routine", "self-care", "unsure-reason",
            "mental-health-crisis", "mental-health-urgent", "when-to-get-help", "unreadable", "emergency-stands",
            "safe-none", "safe-self_care", "safe-routine", "safe-urgent", "safe-emergency", "confirm-correction", "confirm-question");
    private static final Set<String> PLACEHOLDERS = Set.of("emergency_number", "crisis_line", "reason", "question", "what");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");
    private static final Pattern CONCEPT_ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final List<RuleSetError> errors = new ArrayList<>();

    private RuleSetLoader() {
    }

    /** The rule files, validated, with the exemplar bank checked but not embedded (the semantic net is off). */
    public static RuleSet load(Path dir) {
        return new RuleSetLoader().read(dir, null, null);
    }

    /** The rule files with the exemplar bank embedded by {@code encoder}, through {@code cache}. */
    public static RuleSet load(Path dir, SentenceEncoder encoder, ExemplarVectorCache cache) {
        return new RuleSetLoader().read(dir, encoder, cache);
    }

    private RuleSet read(Path dir, SentenceEncoder encoder, ExemplarVectorCache cache) {
        Map<String, String> files = new TreeMap<>();
        String conceptsText = text(dir, "concepts.yaml", files);
        String rulesText = text(dir, "rules.yaml", files);
        String regionsText = text(dir, "regions.yaml", files);
        String readingsText = text(dir, READINGS, files);
        Map<String, String> responses = responses(dir, files);
        if (!errors.isEmpty()) {
            throw new InvalidRuleSetException(errors);
        }
        Node conceptsRoot = parse("concepts.yaml", conceptsText); // read once: the concepts and the spellings
        Map<String, Concept> concepts = concepts(conceptsRoot, conceptsText);
        Map<String, String[]> spellings = spellings(conceptsRoot);
        List<RedFlagRule> rules = rules(rulesText, concepts, responses);
        Map<String, Region> regions = regions(regionsText);
        List<InterviewFlow> flows = flows(dir, concepts, files);
        Bank bank = exemplars(dir, rules, files);
        Map<Readings.Section, List<String>> readingEntries = readings(readingsText, spellings);
        if (!errors.isEmpty()) {
            throw new InvalidRuleSetException(errors);
        }
        Readings readings = new Readings(readingEntries);
        PatternMatcher matcher = new PatternMatcher();
        concepts.values().forEach(c -> c.patterns().forEach(p -> matcher.add(c.id(), p)));
        SemanticNet net = SemanticNet.EMPTY;
        if (encoder != null && !bank.exemplars().isEmpty()) {
            List<String> texts = bank.exemplars().stream().map(e -> SemanticNet.windowText(e.text())).toList();
            List<float[]> vectors = cache == null ? encoder.encodeAll(texts) : cache.vectors(texts, encoder);
            net = new SemanticNet(bank.exemplars(), vectors.toArray(float[][]::new), bank.threshold(), bank.margin(), bank.shortPenalty());
        }
        return new RuleSet(version(files), concepts, rules, responses, regions, matcher, flows, net, spellings, readings);
    }

    // ---- readings.yaml: the reader's words and phrases ----

    static final String READINGS = "readings.yaml";

    /**
     * readings.yaml's sections, checked: each group and section known and present, each a list of entries;
     * a phrase in the form the reader compares it in (one word where the section takes words), a pattern
     * that compiles and cannot match an empty text; no entry twice in its section.
     */
    private Map<Readings.Section, List<String>> readings(String text, Map<String, String[]> spellings) {
        String file = READINGS;
        Map<Readings.Section, List<String>> out = new java.util.EnumMap<>(Readings.Section.class);
        Node root = parse(file, text);
        if (root == null) {
            if (text != null && errors.stream().noneMatch(e -> e.file().equals(file))) {
                errors.add(new RuleSetError(file, null, 1, "the file is empty"));
            }
            return out;
        }
        if (!(root instanceof MappingNode top)) {
            error(file, null, root, "expected groups ('answers:', 'negation:' ...), each holding its sections");
            return out;
        }
        Map<String, Integer> groupLines = new LinkedHashMap<>();
        for (NodeTuple g : top.getValue()) {
            String group = g.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
            groupLines.put(group, line(g.getKeyNode()));
            if (java.util.Arrays.stream(Readings.Section.values()).noneMatch(s -> s.group.equals(group))) {
                error(file, null, g.getKeyNode(), "unknown group '" + group + "' (known: " + String.join(", ",
                        java.util.Arrays.stream(Readings.Section.values()).map(s -> s.group).distinct().toList()) + ")");
                continue;
            }
            if (!(g.getValueNode() instanceof MappingNode sections)) {
                error(file, group, g.getValueNode(), "a group holds sections, each a list: 'name: [phrase, phrase]'");
                continue;
            }
            for (NodeTuple t : sections.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
                Readings.Section section = Readings.Section.of(group, key);
                if (section == null) {
                    error(file, group, t.getKeyNode(), "unknown section '" + key + "' (known in '" + group + "': " + String.join(", ",
                            java.util.Arrays.stream(Readings.Section.values()).filter(s -> s.group.equals(group)).map(s -> s.key).toList()) + ")");
                } else {
                    out.put(section, readingEntries(file, section, t.getValueNode(), spellings));
                }
            }
        }
        for (Readings.Section s : Readings.Section.values()) {
            if (!out.containsKey(s)) {
                errors.add(new RuleSetError(file, s.title(), groupLines.getOrDefault(s.group, 1), "section '" + s.key + "' of '"
                        + s.group + "' is missing (the reader needs every section)"));
            }
        }
        return out;
    }

    private List<String> readingEntries(String file, Readings.Section section, Node node, Map<String, String[]> spellings) {
        List<String> out = new ArrayList<>();
        String id = section.title();
        if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            error(file, id, node, "a section is a list of at least one entry: [a, b] or one '- entry' a line");
            return out;
        }
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (Node item : seq.getValue()) {
            String entry = item instanceof ScalarNode s ? s.getValue() : null;
            String problem;
            if (entry == null) {
                problem = "an entry must be a single text";
            } else if (entry.isBlank()) {
                problem = "empty entry";
            } else if (section.kind == Readings.Kind.PATTERNS) {
                problem = readingPatternProblem(section, entry);
            } else {
                // the answers are read without the lexicon's spellings; everything else with them
                problem = readingPhraseProblem(entry, section.kind == Readings.Kind.WORDS,
                        section.group.equals("answers") ? Map.of() : spellings);
            }
            if (problem == null && seen.containsKey(entry)) {
                problem = "'" + entry + "' is listed twice in the section (first at line " + seen.get(entry) + ")";
            }
            if (problem != null) {
                error(file, id, item, problem);
            } else {
                seen.put(entry, line(item));
                out.add(entry);
            }
        }
        return out;
    }

    /** Why a phrase would never be found as written, or null: the reader compares words as it reads them. */
    private static String readingPhraseProblem(String phrase, boolean oneWord, Map<String, String[]> spellings) {
        StringBuilder read = new StringBuilder();
        for (NormalizedText.Sentence s : NormalizedText.of(phrase).sentences) {
            for (String w : s.words()) {
                String[] respelt = spellings.get(w);
                read.append(respelt == null ? w : String.join(" ", respelt)).append(' ');
            }
        }
        String normal = read.toString().strip();
        if (normal.isEmpty()) {
            return "'" + phrase + "' has no words the reader reads";
        }
        if (!normal.equals(phrase)) {
            return "'" + phrase + "' is not written as the reader reads it: '" + normal
                    + "' (lower case, no punctuation, apostrophes dropped, one space between words, concepts.yaml's spellings applied)";
        }
        if (oneWord && phrase.contains(" ")) {
            return "'" + phrase + "': this section takes single words";
        }
        return null;
    }

    /** Why a pattern cannot stand as one alternative of its section, or null. */
    private static String readingPatternProblem(Readings.Section section, String pattern) {
        Pattern p;
        try {
            p = Pattern.compile(pattern);
        } catch (java.util.regex.PatternSyntaxException e) {
            return "the pattern does not compile: " + e.getDescription() + " near index " + e.getIndex();
        }
        if (p.matcher("").find()) {
            return "the pattern matches an empty text, so it would match every message";
        }
        String letters = pattern.replaceAll("\\\\[pP]\\{[^}]*}|\\\\.", "");
        if (!letters.equals(letters.toLowerCase(java.util.Locale.ROOT))) {
            return "write the pattern in lower case: the text it reads is lower case";
        }
        if (Pattern.compile("\\(\\?[a-zA-Z-]+[:)]|\\\\[1-9]").matcher(pattern).find()) {
            return "no inline flags such as (?i) and no back-references: a section's patterns are joined into one";
        }
        if (section.group.equals("age") && p.matcher("").groupCount() != 1) {
            return "an age pattern has exactly one group ( ) round the age's digits; write other groups as (?: )";
        }
        return null;
    }

    // ---- exemplars.yaml: the semantic net's bank ----

    private record Bank(List<SemanticNet.Exemplar> exemplars, double threshold, double margin, double shortPenalty) {
    }

    private Bank exemplars(Path dir, List<RedFlagRule> rules, Map<String, String> files) {
        String file = "exemplars.yaml";
        List<SemanticNet.Exemplar> out = new ArrayList<>();
        if (!Files.exists(dir.resolve(file))) {
            return new Bank(out, 1, 0, 0);
        }
        String text = text(dir, file, files);
        Node root = parse(file, text);
        Map<String, Node> top = root == null ? null : mapping(file, null, root);
        if (top == null) {
            return new Bank(out, 1, 0, 0);
        }
        double threshold = fraction(file, top, "threshold", 0.8);
        double margin = fraction(file, top, "margin", 0.02);
        double shortPenalty = fraction(file, top, "short_window_penalty", 0);
        if (!(top.get("exemplars") instanceof SequenceNode groups)) {
            errors.add(new RuleSetError(file, null, line(root), "expected 'exemplars:' followed by a list of {rule, texts}"));
            return new Bank(out, threshold, margin, shortPenalty);
        }
        Set<String> ruleIds = new java.util.HashSet<>();
        rules.forEach(r -> ruleIds.add(r.id()));
        Map<String, Integer> seenRules = new LinkedHashMap<>();
        Map<String, Integer> seenTexts = new LinkedHashMap<>();
        for (Node group : groups.getValue()) {
            Map<String, Node> g = mapping(file, null, group);
            if (g == null) {
                continue;
            }
            String rule = scalar(file, null, g, "rule", true);
            if (rule == null) {
                continue;
            }
            if (!rule.equals(SemanticNet.NONE) && !ruleIds.contains(rule)) {
                error(file, rule, g.get("rule"), "unknown rule '" + rule + "' (a rule id of rules.yaml, or 'none' for benign look-alikes)");
            }
            if (seenRules.containsKey(rule)) {
                error(file, rule, group, "rule '" + rule + "' has a second group (first at line " + seenRules.get(rule) + ")");
            }
            seenRules.put(rule, line(group));
            if (!(g.get("texts") instanceof SequenceNode texts) || texts.getValue().isEmpty()) {
                error(file, rule, group, "a group needs a list of texts");
                continue;
            }
            for (Node t : texts.getValue()) {
                String exemplar = t instanceof ScalarNode sn ? sn.getValue().strip() : null;
                String normal = exemplar == null ? "" : SemanticNet.windowText(exemplar);
                if (exemplar == null || normal.split(" ").length < 2) {
                    error(file, rule, t, "an exemplar must be a text of at least two words");
                } else if (exemplar.length() > 300) {
                    error(file, rule, t, "an exemplar is one short clause (at most 300 characters)");
                } else if (seenTexts.containsKey(normal)) {
                    error(file, rule, t, "the same exemplar appears twice (first at line " + seenTexts.get(normal) + ")");
                } else {
                    seenTexts.put(normal, line(t));
                    out.add(new SemanticNet.Exemplar(rule, exemplar, line(t)));
                }
            }
        }
        return new Bank(out, threshold, margin, shortPenalty);
    }

    private double fraction(String file, Map<String, Node> m, String key, double dflt) {
        String v = scalar(file, null, m, key, false);
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v);
            if (d < 0 || d > 1) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            error(file, null, m.get(key), "'" + key + "' must be a number from 0 to 1");
            return dflt;
        }
    }

    // ---- concepts.yaml ----

    /**
     * concepts.yaml's optional {@code spellings:} mapping: a word as people type it (dialect, text-speak) to the
     * word or words the patterns are written in. Keys are single lower-case words; values one or more words.
     */
    private Map<String, String[]> spellings(Node root) {
        String file = "concepts.yaml";
        Map<String, String[]> out = new java.util.HashMap<>();
        Map<String, Node> top = root instanceof MappingNode ? mapping(file, null, root) : null;
        if (top == null || !top.containsKey("spellings")) {
            return out;
        }
        Map<String, Node> m = mapping(file, null, top.get("spellings"));
        if (m == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : m.entrySet()) {
            String from = e.getKey();
            String to = e.getValue() instanceof ScalarNode sn ? sn.getValue().strip() : "";
            if (!from.matches("[a-z0-9]+")) {
                error(file, null, e.getValue(), "spelling '" + from + "': a typed word is one lower-case word without punctuation");
            } else if (!to.matches("[a-z0-9]+( [a-z0-9]+)*")) {
                error(file, null, e.getValue(), "spelling '" + from + "': the words it stands for are lower-case words separated by spaces");
            } else {
                out.put(from, to.split(" "));
            }
        }
        return out;
    }

    private Map<String, Concept> concepts(Node root, String text) {
        String file = "concepts.yaml";
        Map<String, Concept> out = new LinkedHashMap<>();
        SequenceNode list = listUnder(file, root, text, "concepts");
        if (list == null) {
            return out;
        }
        for (Node item : list.getValue()) {
            Map<String, Node> m = mapping(file, null, item);
            if (m == null) {
                continue;
            }
            String id = scalar(file, null, m, "id", true);
            if (id == null) {
                continue;
            }
            if (!CONCEPT_ID.matcher(id).matches()) {
                error(file, id, item, "concept id must be lower_snake_case");
            }
            if (out.containsKey(id)) {
                error(file, id, item, "concept id appears twice (first at line " + out.get(id).line() + ")");
                continue;
            }
            List<String> patterns = new ArrayList<>();
            Node patternNode = m.get("patterns");
            if (!(patternNode instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                error(file, id, item, "a concept needs a list of patterns");
            } else {
                for (Node p : seq.getValue()) {
                    if (!(p instanceof ScalarNode s)) {
                        error(file, id, p, "a pattern must be a text");
                        continue;
                    }
                    String problem = PatternMatcher.problem(s.getValue());
                    if (problem != null) {
                        error(file, id, p, "pattern \"" + s.getValue() + "\": " + problem);
                    } else {
                        patterns.add(s.getValue().strip());
                    }
                }
            }
            boolean frame = bool(file, id, m, "frame", false); // a frame is a figure of speech that reaches further
            out.put(id, new Concept(id, scalar(file, id, m, "description", false),
                    bool(file, id, m, "symptom", true), bool(file, id, m, "history_counts", false),
                    bool(file, id, m, "conditional_counts", false), bool(file, id, m, "names_condition", false),
                    bool(file, id, m, "figurative", false) || frame, frame, bool(file, id, m, "corrects", false), strings(file, id, m, "names"), strings(file, id, m, "withdraws"),
                    integer(file, id, m, "under_age"), patterns, line(item)));
        }
        for (Concept c : out.values()) {
            for (String w : c.withdraws()) {
                if (!out.containsKey(w)) {
                    errors.add(new RuleSetError(file, c.id(), c.line(), "withdraws unknown concept '" + w + "'"));
                }
            }
        }
        return out;
    }

    // ---- rules.yaml ----

    private List<RedFlagRule> rules(String text, Map<String, Concept> concepts, Map<String, String> responses) {
        String file = "rules.yaml";
        List<RedFlagRule> out = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        SequenceNode list = listUnder(file, text, "rules");
        if (list == null) {
            return out;
        }
        for (Node item : list.getValue()) {
            Map<String, Node> m = mapping(file, null, item);
            if (m == null) {
                continue;
            }
            String id = scalar(file, null, m, "id", true);
            if (id == null) {
                continue;
            }
            int errorsBefore = errors.size();
            if (!RULE_ID.matcher(id).matches()) {
                error(file, id, item, "rule id must be kebab-case");
            }
            if (seen.containsKey(id)) {
                error(file, id, item, "rule id appears twice (first at line " + seen.get(id) + ")");
            }
            seen.put(id, line(item));
            TriageLevel level = level(file, id, m.get("level"), item);
            String source = scalar(file, id, m, "source", true);
            String reason = scalar(file, id, m, "reason", true);
            String response = scalar(file, id, m, "response", true);
            if (response != null && !responses.containsKey(response)) {
                error(file, id, m.get("response"), "response '" + response + "' has no file responses/" + response + ".txt");
            }
            List<String> all = strings(file, id, m, "all");
            List<String> any = strings(file, id, m, "any");
            List<String> unless = strings(file, id, m, "unless");
            if (all.isEmpty() && any.isEmpty()) {
                error(file, id, item, "a rule needs concepts under 'all' or 'any'");
            }
            for (String key : List.of("all", "any", "unless")) {
                for (String c : strings(file, id, m, key)) {
                    if (!concepts.containsKey(c)) {
                        error(file, id, m.get(key), "unknown concept '" + c + "' under '" + key + "'");
                    }
                }
            }
            List<RedFlagRule.Raise> raises = new ArrayList<>();
            Node raiseNode = m.get("raise");
            if (raiseNode instanceof SequenceNode seq) {
                for (Node r : seq.getValue()) {
                    Map<String, Node> rm = mapping(file, id, r);
                    if (rm == null) {
                        continue;
                    }
                    TriageLevel to = level(file, id, rm.get("level"), r);
                    if (level != null && to != null && to.ordinal() <= level.ordinal()) {
                        error(file, id, r, "raise must lift the level above " + level + " (a condition never lowers a level)");
                    }
                    String sex = scalar(file, id, rm, "sex", false);
                    if (sex != null && !Set.of("female", "male").contains(sex)) {
                        error(file, id, rm.get("sex"), "sex must be female or male");
                    }
                    List<String> raiseAny = strings(file, id, rm, "any");
                    raiseAny.stream().filter(c -> !concepts.containsKey(c))
                            .forEach(c -> error(file, id, rm.get("any"), "unknown concept '" + c + "' under 'raise.any'"));
                    Integer over = integer(file, id, rm, "age_over");
                    Integer under = integer(file, id, rm, "age_under");
                    if (over == null && under == null && sex == null && raiseAny.isEmpty()) {
                        error(file, id, r, "a raise needs age_over, age_under, sex or any");
                    }
                    raises.add(new RedFlagRule.Raise(to, over, under, sex, raiseAny));
                }
            } else if (raiseNode != null) {
                error(file, id, raiseNode, "'raise' must be a list");
            }
            if (errors.size() == errorsBefore) {
                out.add(new RedFlagRule(id, level, scalar(file, id, m, "description", false), source, all, any, unless,
                        raises, response, reason, line(item)));
            }
        }
        return out;
    }

    private TriageLevel level(String file, String id, Node node, Node owner) {
        if (!(node instanceof ScalarNode s)) {
            error(file, id, owner, "'level' is required: SELF_CARE, ROUTINE, URGENT or EMERGENCY");
            return null;
        }
        try {
            TriageLevel level = TriageLevel.valueOf(s.getValue().strip().toUpperCase(java.util.Locale.ROOT));
            if (level == TriageLevel.NONE) {
                error(file, id, node, "a rule's level cannot be NONE");
                return null;
            }
            return level;
        } catch (IllegalArgumentException e) {
            error(file, id, node, "level '" + s.getValue() + "' is not SELF_CARE, ROUTINE, URGENT or EMERGENCY");
            return null;
        }
    }

    // ---- interviews/*.yaml ----

    private List<InterviewFlow> flows(Path dir, Map<String, Concept> concepts, Map<String, String> files) {
        List<InterviewFlow> out = new ArrayList<>();
        Path folder = dir.resolve("interviews");
        if (!Files.isDirectory(folder)) {
            return out;
        }
        List<Path> paths;
        try (Stream<Path> list = Files.list(folder)) {
            paths = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            errors.add(new RuleSetError("interviews/", null, 0, "the interviews folder cannot be read"));
            return out;
        }
        for (Path path : paths) {
            String file = "interviews/" + path.getFileName();
            String text = text(dir, file, files);
            Node root = parse(file, text);
            Map<String, Node> m = root == null ? null : mapping(file, null, root);
            if (m == null) {
                continue;
            }
            String id = scalar(file, null, m, "id", true);
            String title = scalar(file, id, m, "title", true);
            String query = scalar(file, id, m, "answer_query", true);
            boolean fallback = bool(file, id, m, "fallback", false);
            List<String> recognise = strings(file, id, m, "recognise");
            recognise.stream().filter(c -> !concepts.containsKey(c))
                    .forEach(c -> error(file, id, m.get("recognise"), "unknown concept '" + c + "' under 'recognise'"));
            if (recognise.isEmpty() && !fallback) {
                error(file, id, root, "a flow needs concepts under 'recognise' (or fallback: true)");
            }
            Integer max = integer(file, id, m, "max_questions");
            List<InterviewFlow.Question> questions = new ArrayList<>();
            if (!(m.get("questions") instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                error(file, id, root, "a flow needs a list of questions");
            } else {
                for (Node q : seq.getValue()) {
                    Map<String, Node> qm = mapping(file, id, q);
                    if (qm == null) {
                        continue;
                    }
                    String concept = scalar(file, id, qm, "concept", true);
                    if (concept != null && !InterviewFlow.FACTS.contains(concept) && !concepts.containsKey(concept)) {
                        error(file, id, qm.get("concept"), "unknown concept '" + concept + "'");
                    }
                    String type = scalar(file, id, qm, "type", false);
                    InterviewFlow.Type t = "number".equals(type) ? InterviewFlow.Type.NUMBER
                            : "choice".equals(type) ? InterviewFlow.Type.CHOICE : InterviewFlow.Type.YES_NO;
                    if (type != null && !Set.of("number", "yes_no", "choice").contains(type)) {
                        error(file, id, qm.get("type"), "type must be yes_no, number or choice");
                    }
                    List<String> options = strings(file, id, qm, "options");
                    List<String> flagOptions = strings(file, id, qm, "flag_options");
                    if (t == InterviewFlow.Type.CHOICE && (options.size() < 2 || flagOptions.isEmpty() || !options.containsAll(flagOptions))) {
                        error(file, id, q, "a choice question needs at least two options and flag_options taken from them");
                    }
                    String qText = scalar(file, id, qm, "text", true);
                    String why = scalar(file, id, qm, "why", true);
                    String plain = scalar(file, id, qm, "plain", false);
                    questions.add(new InterviewFlow.Question(concept, bool(file, id, qm, "emergency", false), t, qText,
                            plain == null ? qText : plain, why, scalar(file, id, qm, "warning", false), options, flagOptions));
                }
            }
            if (id != null) {
                out.add(new InterviewFlow(id, title, recognise, fallback, query, max == null ? questions.size() : max, questions, line(root)));
            }
        }
        out.sort(java.util.Comparator.comparing(InterviewFlow::fallback)); // specific flows first
        return out;
    }

    // ---- regions.yaml, responses ----

    private Map<String, Region> regions(String text) {
        String file = "regions.yaml";
        Map<String, Region> out = new LinkedHashMap<>();
        Node root = parse(file, text);
        Map<String, Node> top = root == null ? null : mapping(file, null, root);
        Map<String, Node> regions = top == null || top.get("regions") == null ? null : mapping(file, null, top.get("regions"));
        if (regions == null) {
            errors.add(new RuleSetError(file, null, 1, "expected 'regions:' with one entry per region"));
            return out;
        }
        regions.forEach((code, node) -> {
            Map<String, Node> r = mapping(file, code, node);
            if (r != null) {
                String number = scalar(file, code, r, "emergency_number", true);
                String crisis = scalar(file, code, r, "crisis_line", true);
                out.put(code, new Region(number, crisis));
            }
        });
        return out;
    }

    private Map<String, String> responses(Path dir, Map<String, String> files) {
        Map<String, String> out = new LinkedHashMap<>();
        Path folder = dir.resolve("responses");
        try (Stream<Path> list = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
            for (Path f : list.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.txt$", "");
                String body = Files.readString(f, StandardCharsets.UTF_8).strip();
                files.put("responses/" + name + ".txt", body);
                if (body.isEmpty()) {
                    errors.add(new RuleSetError("responses/" + name + ".txt", name, 1, "the response is empty"));
                }
                Matcher ph = PLACEHOLDER.matcher(body);
                while (ph.find()) {
                    if (!PLACEHOLDERS.contains(ph.group(1))) {
                        errors.add(new RuleSetError("responses/" + name + ".txt", name, lineOf(body, ph.start()),
                                "unknown placeholder {{" + ph.group(1) + "}} (known: emergency_number, crisis_line, reason, question)"));
                    }
                }
                out.put(name, body);
            }
        } catch (IOException e) {
            errors.add(new RuleSetError("responses/", null, 0, "the responses folder cannot be read"));
        }
        for (String required : REQUIRED_RESPONSES) {
            if (!out.containsKey(required)) {
                errors.add(new RuleSetError("responses/" + required + ".txt", required, 0, "required response is missing"));
            }
        }
        return out;
    }

    // ---- YAML helpers: every error keeps its line ----

    private String text(Path dir, String name, Map<String, String> files) {
        try {
            String t = Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
            files.put(name, t);
            return t;
        } catch (IOException e) {
            errors.add(new RuleSetError(name, null, 0, "file is missing or unreadable in " + dir.toAbsolutePath()));
            return null;
        }
    }

    private Node parse(String file, String text) {
        if (text == null) {
            return null;
        }
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new Yaml(options).compose(new StringReader(text));
        } catch (RuntimeException e) {
            int line = 0;
            if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                line = m.getProblemMark().getLine() + 1;
            }
            errors.add(new RuleSetError(file, null, line, "not valid YAML: " + firstLine(e.getMessage())));
            return null;
        }
    }

    private SequenceNode listUnder(String file, String text, String key) {
        return listUnder(file, parse(file, text), text, key);
    }

    /** The list under {@code key} of a file already parsed into {@code root}. */
    private SequenceNode listUnder(String file, Node root, String text, String key) {
        if (root == null) {
            if (text != null && errors.stream().noneMatch(e -> e.file().equals(file))) {
                errors.add(new RuleSetError(file, null, 1, "the file is empty"));
            }
            return null;
        }
        Map<String, Node> top = mapping(file, null, root);
        if (top == null || !(top.get(key) instanceof SequenceNode seq)) {
            errors.add(new RuleSetError(file, null, line(root), "expected '" + key + ":' followed by a list"));
            return null;
        }
        return seq;
    }

    private Map<String, Node> mapping(String file, String id, Node node) {
        if (!(node instanceof MappingNode mn)) {
            error(file, id, node, "expected 'key: value' entries here");
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                out.put(k.getValue(), t.getValueNode());
            }
        }
        return out;
    }

    private String scalar(String file, String id, Map<String, Node> m, String key, boolean required) {
        Node n = m.get(key);
        if (n instanceof ScalarNode s && !s.getValue().isBlank()) {
            return s.getValue().strip();
        }
        if (n != null && !(n instanceof ScalarNode)) {
            error(file, id, n, "'" + key + "' must be a single value");
        } else if (required) {
            errors.add(new RuleSetError(file, id, firstLine(m), "'" + key + "' is required"));
        }
        return null;
    }

    private boolean bool(String file, String id, Map<String, Node> m, String key, boolean dflt) {
        String v = scalar(file, id, m, key, false);
        if (v == null) {
            return dflt;
        }
        if (!v.equals("true") && !v.equals("false")) {
            error(file, id, m.get(key), "'" + key + "' must be true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private Integer integer(String file, String id, Map<String, Node> m, String key) {
        String v = scalar(file, id, m, key, false);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            error(file, id, m.get(key), "'" + key + "' must be a whole number");
            return null;
        }
    }

    private List<String> strings(String file, String id, Map<String, Node> m, String key) {
        Node n = m.get(key);
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!(n instanceof SequenceNode seq)) {
            error(file, id, n, "'" + key + "' must be a list, e.g. [a, b]");
            return out;
        }
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s) {
                out.add(s.getValue().strip());
            } else {
                error(file, id, item, "'" + key + "' must list plain values");
            }
        }
        return out;
    }

    private void error(String file, String id, Node node, String problem) {
        errors.add(new RuleSetError(file, id, line(node), problem));
    }

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static int firstLine(Map<String, Node> m) {
        return m.values().stream().mapToInt(RuleSetLoader::line).filter(l -> l > 0).min().orElse(0);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static String version(Map<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((name, content) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(content.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
