package org.symptomchecker.llm;

import org.symptomchecker.privacy.Redactor;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.answer.ChatReply;
import org.symptomchecker.answer.ModelPhrasing;
import org.symptomchecker.triage.SafetyCounters;
import org.symptomchecker.triage.TriageLevel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;

/**
 * The optional language model's answer: with {@code symptom.llm.provider} none (the default) it is never asked and
 * nothing is called. Otherwise, for an answer under a level below URGENT (never an EMERGENCY or URGENT turn, never
 * an interview question: the chat service asks only for answers), the redacted question goes to the model with the
 * numbered vetted passages; the reply comes back only when every sentence passed the grounding check, its passage
 * numbers renumbered as the reply's citations. Every time the model was asked and its reply is not used, the
 * {@code llm.fallback} counter (and {@code llm.fallback.<why>}) of {@link SafetyCounters} goes up.
 */
@ApplicationScoped
public class LlmAnswerer implements ModelPhrasing {

    private static final Logger LOG = Logger.getLogger(LlmAnswerer.class);

    private final boolean enabled;
    private final ModelCalls calls;
    private final LlmPrompts prompts;
    private final Grounding grounding;
    private final SafetyCounters counters;
    private final java.time.Duration timeout;

    public LlmAnswerer(SymptomConfig config, ModelCalls calls, LlmPrompts prompts, Grounding grounding, SafetyCounters counters) {
        String provider = config.llm().provider().strip().toLowerCase(Locale.ROOT);
        if (!List.of("none", "openai", "ollama").contains(provider)) {
            throw new IllegalStateException("symptom.llm.provider must be none, openai or ollama");
        }
        this.enabled = !provider.equals("none");
        this.calls = calls;
        this.prompts = prompts;
        this.grounding = grounding;
        this.counters = counters;
        this.timeout = config.llm().timeout();
        if (enabled) {
            prompts.current(); // a missing or malformed prompt stops the start
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The model's checked answer to a message, or empty: then the extractive answer is shown. */
    @Override
    public Optional<Phrased> phrase(String message, TriageLevel level) {
        if (!enabled || level.ordinal() >= TriageLevel.URGENT.ordinal()) {
            return Optional.empty();
        }
        LlmPrompts.Prompts used;
        ModelCalls.Phrasing phrasing;
        try {
            used = prompts.current();
            phrasing = calls.phrase(Redactor.redact(message), level, used).toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fallback("timeout"); // the call goes on in the background until the HTTP client's own deadline
        } catch (ExecutionException | RuntimeException e) {
            return fallback("error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback("interrupted");
        }
        if (phrasing.refused() != null) {
            return fallback(phrasing.refused());
        }
        List<String> passages = phrasing.sources().stream().map(Content::textSegment).map(TextSegment::text).toList();
        if (passages.isEmpty()) {
            return fallback("no-passages");
        }
        // the guardrail passed it; checked once more here, so no sentence is ever shown unchecked
        if (grounding.check(phrasing.text(), passages, level, used.system()).isPresent()) {
            return fallback("ungrounded");
        }
        List<ChatReply.Citation> citations = new ArrayList<>();
        Map<Integer, Integer> renumbered = new HashMap<>();
        StringBuilder text = new StringBuilder();
        for (String sentence : Grounding.sentences(phrasing.text())) {
            Matcher m = Grounding.CITATION.matcher(sentence);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                int given = Integer.parseInt(m.group(1));
                int number = renumbered.computeIfAbsent(given, n -> {
                    citations.add(citation(phrasing.sources().get(n - 1)));
                    return citations.size();
                });
                m.appendReplacement(out, " [" + number + "]");
            }
            m.appendTail(out);
            text.append(text.length() == 0 ? "" : " ").append(out.toString().strip());
        }
        counters.count("llm.answered");
        return Optional.of(new Phrased(text.toString(), citations, new ChatReply.AnsweredBy(ChosenModel.modelName(), used.hash())));
    }

    private Optional<Phrased> fallback(String why) {
        counters.count("llm.fallback");
        counters.count("llm.fallback." + why);
        LOG.debugf("model reply not used (%s)", why);
        return Optional.empty();
    }

    private static ChatReply.Citation citation(Content content) {
        TextSegment s = content.textSegment();
        return new ChatReply.Citation(s.metadata().getString(VettedPassages.DOCUMENT_ID), s.metadata().getString(VettedPassages.PASSAGE_ID),
                s.metadata().getString(VettedPassages.TITLE), s.metadata().getString(VettedPassages.URL), s.text().strip());
    }
}
