package org.symptomchecker.llm;

import dev.langchain4j.model.chat.ChatModel;
import io.quarkiverse.langchain4j.ModelName;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The chat model the AI service uses, chosen at run time by {@code symptom.llm.provider}: {@code openai} is
 * quarkus-langchain4j's default model ({@code quarkus.langchain4j.openai.*}), {@code ollama} its model named
 * {@value #OLLAMA} ({@code quarkus.langchain4j.ollama.local.*}). Asked for only when a provider is set, so with
 * {@code none} no model bean is ever made.
 */
public class ChosenModel implements Supplier<ChatModel> {

    /** The name of the Ollama model in quarkus-langchain4j's configuration. */
    public static final String OLLAMA = "local";

    @Override
    public ChatModel get() {
        return Arc.container().instance(Models.class).get().chosen();
    }

    /**
     * Both providers' model beans, looked up only when asked for (these injection points make quarkus-langchain4j
     * build both; neither is created, nor its settings checked, until the chosen one is used).
     */
    @ApplicationScoped
    @io.quarkus.arc.Unremovable
    public static class Models {

        private final Instance<ChatModel> openai;
        private final Instance<ChatModel> ollama;

        public Models(Instance<ChatModel> openai, @ModelName(OLLAMA) Instance<ChatModel> ollama) {
            this.openai = openai;
            this.ollama = ollama;
        }

        ChatModel chosen() {
            return switch (provider()) {
                case "openai" -> openai.get();
                case "ollama" -> ollama.get();
                default -> throw new IllegalStateException("symptom.llm.provider is none: no model is called");
            };
        }
    }

    static String provider() {
        return ConfigProvider.getConfig().getOptionalValue("symptom.llm.provider", String.class).orElse("none")
                .strip().toLowerCase(Locale.ROOT);
    }

    /** The configured model's name, as recorded on a reply. */
    static String modelName() {
        var config = ConfigProvider.getConfig();
        return switch (provider()) {
            case "openai" -> "openai/" + config.getOptionalValue("quarkus.langchain4j.openai.chat-model.model-name", String.class).orElse("gpt-4o-mini");
            case "ollama" -> "ollama/" + config.getOptionalValue("quarkus.langchain4j.ollama." + OLLAMA + ".chat-model.model-id", String.class).orElse("llama3.2");
            default -> "none";
        };
    }
}
