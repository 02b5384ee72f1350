package org.symptomchecker.llm;

import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.content.Content;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.triage.SafetyCounters;
import org.symptomchecker.triage.TriageLevel;

import java.util.List;
import java.util.Optional;

/**
 * The model's reply, checked sentence by sentence by {@link Grounding} against the passages it was given (from the
 * request's augmentation result) under the turn's triage level; a failure asks the model once more
 * ({@code prompts/llm/reprompt.txt}), and a second failure ends the call (the extractive answer is shown).
 */
@ApplicationScoped
public class GroundingGuardrail implements OutputGuardrail {

    private static final Logger LOG = Logger.getLogger(GroundingGuardrail.class);

    private final Grounding grounding;
    private final LlmPrompts prompts;
    private final SafetyCounters counters;

    public GroundingGuardrail(Grounding grounding, LlmPrompts prompts, SafetyCounters counters) {
        this.grounding = grounding;
        this.prompts = prompts;
        this.counters = counters;
    }

    @Override
    public OutputGuardrailResult validate(OutputGuardrailRequest request) {
        String text = request.responseFromLLM().aiMessage().text();
        AugmentationResult augmentation = request.requestParams().augmentationResult();
        List<String> passages = augmentation == null ? List.of()
                : augmentation.contents().stream().map(Content::textSegment).map(s -> s.text()).toList();
        Object level = request.requestParams().variables().get("level");
        TriageLevel triage = level == null ? TriageLevel.ROUTINE : TriageLevel.valueOf(level.toString());
        LlmPrompts.Prompts p = prompts.inUse();
        Optional<Grounding.Failure> failure = text == null ? Optional.of(new Grounding.Failure(0, "the reply is empty"))
                : grounding.check(text, passages, triage, p.system());
        if (failure.isEmpty()) {
            return success();
        }
        counters.count("llm.sentence-refused");
        LOG.infof("model reply refused: %s", failure.get().reason());
        return reprompt(failure.get().reason(), p.reprompt(failure.get().reason()));
    }
}
