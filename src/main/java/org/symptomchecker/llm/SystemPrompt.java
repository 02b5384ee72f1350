package org.symptomchecker.llm;

import io.quarkiverse.langchain4j.runtime.aiservice.SystemMessageProvider;
import io.quarkus.arc.Arc;

import java.util.Optional;

/** The AI service's system message: {@code prompts/llm/system.txt}, as the call under way uses it. */
public class SystemPrompt implements SystemMessageProvider {

    @Override
    public Optional<String> getSystemMessage(Object memoryId) {
        return Optional.of(Arc.container().instance(LlmPrompts.class).get().inUse().system());
    }
}
