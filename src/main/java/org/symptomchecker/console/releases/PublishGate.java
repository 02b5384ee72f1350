package org.symptomchecker.console.releases;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.answer.QuestionTypes;
import org.symptomchecker.answer.ReplyTemplates;
import org.symptomchecker.channels.ChannelTexts;
import org.symptomchecker.channels.twilio.TwilioResource;
import org.symptomchecker.channels.web.WidgetResource;
import org.symptomchecker.content.ContentFiles;
import org.symptomchecker.llm.LlmPrompts;
import org.symptomchecker.triage.EvaluationCase;
import org.symptomchecker.triage.Guardrails;
import org.symptomchecker.triage.InvalidRuleSetException;
import org.symptomchecker.triage.RedFlagRule;
import org.symptomchecker.triage.Region;
import org.symptomchecker.triage.RuleSet;
import org.symptomchecker.triage.RuleSetError;
import org.symptomchecker.triage.TriageEvaluation;
import org.symptomchecker.triage.TriageLevel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a candidate release (a draft, or an older release put back) must pass before it is published, measured
 * against the published release:
 * <ul>
 *   <li>its rule files and prompts read without error;</li>
 *   <li>no triage evaluation case (dev and holdout, the published release's and the candidate's together, so removing
 *       a case hides nothing) that expects EMERGENCY or URGENT comes out lower than under the published rules;</li>
 *   <li>every region's emergency number is the one the deployment allows ({@code symptom.content.emergency-numbers});</li>
 *   <li>every fixed EMERGENCY and URGENT reply, sent as SMS, has its instruction and the number in its first 160
 *       characters;</li>
 *   <li>every corpus document it adds or changes reads as the importer reads it;</li>
 *   <li>no golden conversation that passes under the published release fails under the candidate
 *       ({@link ConversationChecks}, which also reports the answer set).</li>
 * </ul>
 * Every case whose level changed is listed, whether or not it refuses the publish.
 */
@ApplicationScoped
public class PublishGate {

    private static final Logger LOG = Logger.getLogger(PublishGate.class);
    /** One SMS segment: what a phone shows first. */
    static final int SMS_CHARACTERS = 160;

    /** A case whose level differs between the published release and the candidate. */
    public record CaseChange(String source, String note, TriageLevel expected, TriageLevel published, TriageLevel candidate,
                             boolean refuses) {
    }

    /** The gate's verdict. */
    public record Report(boolean passes, List<String> refusals, List<RuleSetError> errors, List<CaseChange> changed,
                         int cases, String publishedRuleSet, String candidateRuleSet, long millis,
                         ConversationChecks.Results conversations) {
    }

    private final Guardrails guardrails;
    private final ConversationChecks checks;
    private final SymptomConfig config;
    private final Path work;
    /** The published rule set's levels on the evaluation cases, kept for the next run against the same rule set. */
    private volatile Map.Entry<String, Map<String, TriageLevel>> publishedLevels;

    public PublishGate(Guardrails guardrails, ConversationChecks checks, SymptomConfig config) {
        this.guardrails = guardrails;
        this.checks = checks;
        this.config = config;
        this.work = Path.of(config.dataDir()).resolve("content");
    }

    /** Runs every check of the candidate's content against the published content. */
    public synchronized Report evaluate(Map<String, String> candidate, Map<String, String> published) {
        long start = System.nanoTime();
        Path candidateDir = work.resolve("gate-candidate-" + System.nanoTime());
        Path publishedDir = work.resolve("gate-published-" + System.nanoTime());
        List<String> refusals = new ArrayList<>();
        List<RuleSetError> errors = new ArrayList<>();
        try {
            ContentFiles.write(candidate, candidateDir);
            ContentFiles.write(published, publishedDir);
            checkPrompts(candidateDir.resolve("prompts"), refusals);
            RuleSet next;
            try {
                next = guardrails.read(candidateDir.resolve("guardrails"));
            } catch (InvalidRuleSetException e) {
                errors.addAll(e.errors());
                refusals.add("the rule files have " + e.errors().size() + " error(s); first: " + e.getMessage());
                return new Report(false, refusals, errors, List.of(), 0, null, null, millis(start), null);
            } catch (RuntimeException e) {
                refusals.add("the guardrails cannot be read: " + e.getMessage());
                return new Report(false, refusals, errors, List.of(), 0, null, null, millis(start), null);
            }
            RuleSet now = guardrails.read(publishedDir.resolve("guardrails"));
            List<EvaluationCase> cases = union(TriageEvaluation.load(publishedDir.resolve("guardrails")),
                    TriageEvaluation.load(candidateDir.resolve("guardrails")));
            Map<String, TriageLevel> before = levels(now, cases, true);
            Map<String, TriageLevel> after = levels(next, cases, false);
            List<CaseChange> changed = new ArrayList<>();
            int lower = 0;
            for (EvaluationCase c : cases) {
                TriageLevel b = before.get(key(c));
                TriageLevel a = after.get(key(c));
                if (a != b) {
                    boolean refuses = (c.expected() == TriageLevel.EMERGENCY || c.expected() == TriageLevel.URGENT)
                            && a.compareTo(b) < 0;
                    lower += refuses ? 1 : 0;
                    changed.add(new CaseChange(c.source(), c.note(), c.expected(), b, a, refuses));
                }
            }
            if (lower > 0) {
                refusals.add(lower + " EMERGENCY or URGENT evaluation case(s) come out lower than under the published release");
            }
            checkEmergencyNumbers(next, refusals);
            checkSms(next, candidateDir.resolve("prompts"), refusals);
            checkCorpus(candidate, published, refusals);
            ConversationChecks.Results conversations = null;
            try {
                conversations = checks.run(candidate, published);
                refusals.addAll(conversations.refusals());
            } catch (ApiProblem e) {
                refusals.add(e.title() + ": " + e.getMessage());
            }
            LOG.infof("publish gate: %d cases, %d changed, %d refusal(s), %d ms", cases.size(), changed.size(), refusals.size(), millis(start));
            return new Report(refusals.isEmpty(), refusals, errors, changed, cases.size(), now.version(), next.version(), millis(start), conversations);
        } finally {
            ContentFiles.deleteFolder(candidateDir);
            ContentFiles.deleteFolder(publishedDir);
        }
    }

    private Map<String, TriageLevel> levels(RuleSet rules, List<EvaluationCase> cases, boolean keep) {
        String key = rules.version() + "/" + cases.size() + "/" + cases.hashCode();
        Map.Entry<String, Map<String, TriageLevel>> kept = publishedLevels;
        if (kept != null && kept.getKey().equals(key)) {
            return kept.getValue();
        }
        Map<String, TriageLevel> out = new LinkedHashMap<>();
        for (EvaluationCase c : cases) {
            out.put(key(c), guardrails.engine().triage(rules, c.messages(), c.age(), c.sex()).level());
        }
        if (keep) {
            publishedLevels = Map.entry(key, out);
        }
        return out;
    }

    private static List<EvaluationCase> union(List<EvaluationCase> a, List<EvaluationCase> b) {
        Map<String, EvaluationCase> out = new LinkedHashMap<>();
        a.forEach(c -> out.putIfAbsent(key(c), c));
        b.forEach(c -> out.putIfAbsent(key(c), c));
        return List.copyOf(out.values());
    }

    private static String key(EvaluationCase c) {
        return c.source() + "\u0000" + c.messages() + "\u0000" + c.age() + "\u0000" + c.sex();
    }

    private void checkPrompts(Path prompts, List<String> refusals) {
        List<Runnable> checks = List.of(
                () -> ReplyTemplates.check(prompts),
                () -> QuestionTypes.load(prompts.resolve("answer").resolve("question-types.yaml")),
                () -> LlmPrompts.check(prompts.resolve("llm")),
                () -> ChannelTexts.load(prompts.resolve("widget").resolve("strings.properties"), WidgetResource.KEYS),
                () -> ChannelTexts.load(prompts.resolve("channels").resolve("sms.properties"), TwilioResource.TEXT_KEYS));
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (RuntimeException e) {
                refusals.add("prompts: " + e.getMessage());
            }
        }
    }

    private void checkEmergencyNumbers(RuleSet rules, List<String> refusals) {
        Map<String, String> allowed = allowList(config.content().emergencyNumbers());
        rules.regions().forEach((code, region) -> {
            String number = allowed.get(code);
            if (number == null) {
                refusals.add("region " + code + " is not on the emergency number allow-list (symptom.content.emergency-numbers)");
            } else if (!number.equals(region.emergencyNumber())) {
                refusals.add("region " + code + ": emergency number '" + region.emergencyNumber() + "' is not the allowed '" + number + "'");
            }
        });
    }

    /**
     * Every EMERGENCY and URGENT rule's reply, as each region's SMS: its first line (the instruction) fits one SMS, and
     * an EMERGENCY reply has the emergency number in its first {@value #SMS_CHARACTERS} characters. One refusal per
     * response, region and problem, however many rules use it.
     */
    private void checkSms(RuleSet rules, Path prompts, List<String> refusals) {
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        for (RedFlagRule rule : rules.rules()) {
            if (rule.level() != TriageLevel.EMERGENCY && rule.level() != TriageLevel.URGENT) {
                continue;
            }
            String template = rules.responses().get(rule.response());
            if (template == null) {
                continue; // the loader refuses a rule whose response is missing
            }
            for (Map.Entry<String, Region> region : rules.regions().entrySet()) {
                String sms = Guardrails.fill(template, rule.reason(), null, region.getValue());
                String first = sms.substring(0, Math.min(SMS_CHARACTERS, sms.length()));
                String instruction = sms.lines().findFirst().orElse("");
                String where = "response '" + rule.response() + "' (region " + region.getKey() + ")";
                if (instruction.length() > SMS_CHARACTERS) {
                    found.add(where + ": its first line, the instruction, is longer than one SMS (" + SMS_CHARACTERS + " characters)");
                }
                if (rule.level() == TriageLevel.EMERGENCY && template.contains("{{emergency_number}}")
                        && !first.contains(region.getValue().emergencyNumber())) {
                    found.add(where + ": the emergency number is not in the first " + SMS_CHARACTERS + " characters");
                }
            }
        }
        refusals.addAll(found);
        try {
            Map<String, String> texts = ChannelTexts.load(prompts.resolve("channels").resolve("sms.properties"), TwilioResource.TEXT_KEYS);
            for (Map.Entry<String, Region> region : rules.regions().entrySet()) {
                String help = ChannelTexts.fill(texts.get("help"), Map.of("number", region.getValue().emergencyNumber()));
                if (help.length() > SMS_CHARACTERS) {
                    refusals.add("prompts/channels/sms.properties: 'help' for region " + region.getKey() + " is longer than one SMS");
                }
            }
        } catch (RuntimeException e) {
            // already refused by the prompts check
        }
    }

    /** Every corpus document the candidate adds or changes reads as the importer will read it. */
    private void checkCorpus(Map<String, String> candidate, Map<String, String> published, List<String> refusals) {
        candidate.forEach((path, text) -> {
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (path.startsWith("corpus/") && !text.equals(published.get(path)) && !config.corpus().ignoreFiles().contains(name)) {
                refusals.addAll(org.symptomchecker.corpus.CorpusImporter.problems(path, text));
            }
        });
    }

    /** "US=911,UK=999" as region code to number. */
    static Map<String, String> allowList(String setting) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : setting.split(",")) {
            String[] kv = pair.strip().split("=", 2);
            if (kv.length == 2 && !kv[0].isBlank() && !kv[1].isBlank()) {
                out.put(kv[0].strip().toUpperCase(java.util.Locale.ROOT), kv[1].strip());
            }
        }
        return out;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
