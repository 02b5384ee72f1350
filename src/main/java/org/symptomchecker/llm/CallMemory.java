package org.symptomchecker.llm;

import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One model call's memory (its system prompt, the question with the passages, the reply, and a reprompt), so a
 * reprompt is read with what came before it; forgotten when the call ends. Nothing of a conversation is kept.
 */
@ApplicationScoped
public class CallMemory implements Supplier<ChatMemoryProvider>, ChatMemoryProvider {

    private final Map<Object, ChatMemory> calls = new ConcurrentHashMap<>();

    @Override
    public ChatMemoryProvider get() {
        return this;
    }

    @Override
    public ChatMemory get(Object memoryId) {
        return calls.computeIfAbsent(memoryId, id -> MessageWindowChatMemory.builder().id(id).maxMessages(10).build());
    }

    /** Drops a call's memory. */
    public void forget(Object memoryId) {
        calls.remove(memoryId);
    }
}
