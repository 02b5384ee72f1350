package org.symptomchecker.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs the labelled evaluation set of a guardrails folder under a rule set and scores it. */
public final class TriageEvaluation {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A case that came out differently from its label. */
    public record Miss(String source, String text, TriageLevel expected, TriageLevel actual, String note) {
    }

    /** The scores the safety gate and the evaluation test look at. */
    public record Result(int cases, Map<TriageLevel, Map<TriageLevel, Integer>> confusion, List<Miss> misses,
                         int emergencyUnderTriaged, double urgentRecall, double benignEscalatedShare) {

        public List<Miss> emergencyMisses() {
            return misses.stream().filter(m -> m.expected() == TriageLevel.EMERGENCY && m.actual().ordinal() < TriageLevel.EMERGENCY.ordinal()).toList();
        }
    }

    private TriageEvaluation() {
    }

    /** The part tuned on. */
    public static final String DEV = "dev";
    /** The part never tuned on: written by someone who had not read the rules. */
    public static final String HOLDOUT = "holdout";

    /**
     * Every case of the evaluation set: each {@code *.jsonl} file of {@code evaluation/dev} and
     * {@code evaluation/holdout} (a line with {@code messages} is a conversation, one with {@code text} a
     * single message). The holdout's {@code reserve-*} files are its replacements and are not run.
     */
    public static List<EvaluationCase> load(Path guardrailsDir) {
        List<EvaluationCase> cases = new ArrayList<>();
        for (String part : List.of(DEV, HOLDOUT)) {
            Path dir = guardrailsDir.resolve("evaluation").resolve(part);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")
                        && !p.getFileName().toString().startsWith("reserve-")).sorted().toList()) {
                    read(part, file, cases);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the evaluation set " + dir, e);
            }
        }
        return cases;
    }

    /** The cases of one part. */
    public static List<EvaluationCase> part(List<EvaluationCase> cases, String part) {
        return cases.stream().filter(c -> c.source().startsWith(part + "/")).toList();
    }

    public static Result run(TriageEngine engine, RuleSet rules, List<EvaluationCase> cases) {
        Map<TriageLevel, Map<TriageLevel, Integer>> confusion = new EnumMap<>(TriageLevel.class);
        for (TriageLevel l : TriageLevel.values()) {
            confusion.put(l, new EnumMap<>(TriageLevel.class));
            for (TriageLevel k : TriageLevel.values()) {
                confusion.get(l).put(k, 0);
            }
        }
        List<Miss> misses = new ArrayList<>();
        int emergencyUnder = 0;
        int urgent = 0;
        int urgentCaught = 0;
        int benign = 0;
        int benignEscalated = 0;
        for (EvaluationCase c : cases) {
            TriageLevel actual = engine.triage(rules, c.messages(), c.age(), c.sex()).level();
            confusion.get(c.expected()).merge(actual, 1, Integer::sum);
            if (actual != c.expected()) {
                String text = c.messages().stream().filter(TriageMessage::fromUser).map(TriageMessage::text)
                        .reduce((a, b) -> a + " | " + b).orElse("");
                misses.add(new Miss(c.source(), text, c.expected(), actual, c.note()));
            }
            if (c.expected() == TriageLevel.EMERGENCY && actual != TriageLevel.EMERGENCY) {
                emergencyUnder++;
            }
            if (c.expected() == TriageLevel.URGENT) {
                urgent++;
                if (actual.ordinal() >= TriageLevel.URGENT.ordinal()) {
                    urgentCaught++;
                }
            }
            if (c.expected() == TriageLevel.SELF_CARE || c.expected() == TriageLevel.NONE) {
                benign++;
                if (actual.ordinal() >= TriageLevel.URGENT.ordinal()) {
                    benignEscalated++;
                }
            }
        }
        return new Result(cases.size(), confusion, misses, emergencyUnder,
                urgent == 0 ? 1.0 : (double) urgentCaught / urgent, benign == 0 ? 0.0 : (double) benignEscalated / benign);
    }

    private static void read(String part, Path file, List<EvaluationCase> cases) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("//")) {
                    continue;
                }
                String source = part + "/" + file.getFileName() + ":" + (i + 1);
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage());
                }
                List<TriageMessage> messages = new ArrayList<>();
                if (n.has("messages")) {
                    for (JsonNode m : n.get("messages")) {
                        messages.add(m.isTextual() ? TriageMessage.user(m.asText())
                                : new TriageMessage(m.path("role").asText("user"), m.path("text").asText(""),
                                m.hasNonNull("asks") ? m.get("asks").asText() : null));
                    }
                } else if (n.path("text").isTextual()) {
                    messages.add(TriageMessage.user(n.get("text").asText()));
                } else {
                    throw new IllegalArgumentException(source + ": a case needs \"text\" or \"messages\"");
                }
                TriageLevel level;
                try {
                    level = TriageLevel.valueOf(n.path("level").asText("").toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + ": level must be EMERGENCY, URGENT, ROUTINE, SELF_CARE or NONE");
                }
                cases.add(new EvaluationCase(source, messages, n.hasNonNull("age") ? n.get("age").asInt() : null,
                        n.hasNonNull("sex") ? n.get("sex").asText() : null, level, n.path("note").asText(null)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evaluation set " + file, e);
        }
    }
}
