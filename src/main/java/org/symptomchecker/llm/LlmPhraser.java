package org.symptomchecker.llm;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.guardrail.OutputGuardrails;
import io.quarkiverse.langchain4j.RegisterAiService;

/**
 * The one AI service: the model phrases an answer to the redacted question from the numbered vetted passages
 * ({@link VettedPassages}), under the system prompt of {@code prompts/llm/system.txt} ({@link SystemPrompt}); its
 * reply passes {@link GroundingGuardrail} sentence by sentence, with one reprompt when it fails. Called only through
 * {@link ModelCalls}, and only when {@code symptom.llm.provider} is not none.
 *
 * <p>Application scoped, not the request scope AI services get by default: a call may start (queued behind the
 * bulkhead) or go on after its turn stopped waiting and the turn's request ended; each call's memory is its own
 * ({@link CallMemory}, forgotten when the call ends).
 */
@jakarta.enterprise.context.ApplicationScoped
@RegisterAiService(chatLanguageModelSupplier = ChosenModel.class, retrievalAugmentor = VettedPassages.class,
        systemMessageProviderSupplier = SystemPrompt.class, chatMemoryProviderSupplier = CallMemory.class)
public interface LlmPhraser {

    @UserMessage("{question}")
    @OutputGuardrails(value = GroundingGuardrail.class, maxRetries = 2) // two attempts: the first and one reprompt
    Result<String> phrase(@MemoryId String call, String question, String level);
}
