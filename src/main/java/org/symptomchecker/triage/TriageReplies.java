package org.symptomchecker.triage;

import jakarta.enterprise.context.ApplicationScoped;

/** The fixed wording triage calls for, from the content team's response templates. */
@ApplicationScoped
public class TriageReplies {

    private final Guardrails guardrails;
    private final ReplySafetyCheck check;
    private final SafetyCounters counters;

    public TriageReplies(Guardrails guardrails, ReplySafetyCheck check, SafetyCounters counters) {
        this.guardrails = guardrails;
        this.check = check;
        this.counters = counters;
    }

    /**
     * The whole reply for a routed level (EMERGENCY, URGENT) or an unreadable message; null when the
     * reply is to come from the vetted corpus.
     */
    public String fixedReply(TriageOutcome outcome, Region region) {
        if (outcome.routed()) {
            String reply = guardrails.render(outcome.response(), outcome.reason(), region);
            if (reply == null) {
                reply = guardrails.render(outcome.level() == TriageLevel.EMERGENCY ? "emergency" : "urgent", outcome.reason(), region);
            }
            if (outcome.emergencyStands()) {
                reply = guardrails.render("emergency-stands", outcome.reason(), region) + "\n\n" + reply;
            }
            counters.count("routed." + outcome.level().name().toLowerCase(java.util.Locale.ROOT),
                    outcome.ruleIds().isEmpty() ? null : outcome.ruleIds().get(0)); // the highest rule
            return reply;
        }
        if (outcome.unreadable()) {
            counters.count("unreadable");
            return guardrails.render("unreadable", null, region);
        }
        return null;
    }

    /** The reply to a correction: the direct question that confirms it (null when there is nothing to confirm). */
    public String confirmReply(TriageOutcome outcome, Region region) {
        if (outcome.confirm() == null) {
            return null;
        }
        counters.count("correction.confirm-asked");
        return guardrails.render("confirm-correction", outcome.reason(), guardrails.confirmQuestion(outcome.confirm()), region);
    }

    /** The advice line added under vetted content: self-care, routine, or "when to get help" after an information question. */
    public String adviceLine(TriageOutcome outcome, Region region) {
        return switch (outcome.level()) {
            case SELF_CARE -> guardrails.render("self-care", outcome.reason(), region);
            case ROUTINE -> guardrails.render("routine", outcome.reason(), region);
            case NONE -> outcome.informationalMention() ? guardrails.render("when-to-get-help", null, region) : null;
            default -> null;
        };
    }

    /** The final check: a reply that fails is replaced by the safe template for its level, and counted. */
    public Checked check(String reply, TriageLevel level, Region region) {
        var failure = check.check(reply, level);
        if (failure.isEmpty()) {
            return new Checked(reply, false);
        }
        counters.count("output-check.replaced." + failure.get().name().toLowerCase(java.util.Locale.ROOT));
        return new Checked(guardrails.render("safe-" + level.name().toLowerCase(java.util.Locale.ROOT), null, region), true);
    }

    /** A reply after the output check, and whether the check replaced it. */
    public record Checked(String text, boolean replaced) {
    }
}
