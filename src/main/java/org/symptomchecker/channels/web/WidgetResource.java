package org.symptomchecker.channels.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.channels.ChannelTexts;
import org.symptomchecker.triage.Guardrails;

import java.util.Map;
import java.util.Set;

/** What the website widget needs before its first message: its words, the emergency number, where it keeps state. */
@Path("/api/v1/widget/config")
@jakarta.inject.Singleton
@io.quarkus.runtime.Startup
@Produces(MediaType.APPLICATION_JSON)
public class WidgetResource {

    /** The strings widget.js shows; the start fails when prompts/widget/strings.properties lacks one. */
    public static final Set<String> KEYS = Set.of("title", "open", "close", "new", "delete", "deleted", "disclaimer",
            "input", "placeholder", "send", "typing", "progress", "emergency", "call", "sources", "you", "assistant", "error",
            "feedback", "helpful", "unhelpful", "thanks");
    /** Strings widget.js shows when they are there, and replaces when not (a release published before they were added). */
    public static final Set<String> OPTIONAL_KEYS = Set.of("busy");

    /** The widget's settings and words, as served. */
    public record WidgetConfig(Map<String, String> strings, String emergencyNumber, String storage) {
    }

    private final Guardrails guardrails;
    private final org.symptomchecker.content.ActiveContent content;
    /** The strings, and the prompts folder they were read from (a published release changes it). */
    private volatile Map.Entry<java.nio.file.Path, Map<String, String>> strings;
    private final String storage;

    public WidgetResource(Guardrails guardrails, SymptomConfig config, org.symptomchecker.content.ActiveContent content) {
        this.content = content;
        this.guardrails = guardrails;
        this.storage = config.widget().storage().strip().toLowerCase(java.util.Locale.ROOT);
        if (!Set.of("none", "session", "local").contains(storage)) {
            throw new IllegalStateException("symptom.widget.storage must be none, session or local, not '" + storage + "'");
        }
        strings();
    }

    private Map<String, String> strings() {
        java.nio.file.Path prompts = content.folders().prompts();
        Map.Entry<java.nio.file.Path, Map<String, String>> s = strings;
        if (s == null || !s.getKey().equals(prompts)) {
            s = Map.entry(prompts, strings(prompts.resolve("widget").resolve("strings.properties")));
            strings = s;
        }
        return s.getValue();
    }

    @GET
    @Operation(summary = "The website widget's strings, the deployment region's emergency number and its storage setting")
    public WidgetConfig config() {
        return new WidgetConfig(strings(), guardrails.region(null, "web").emergencyNumber(), storage);
    }

    static Map<String, String> strings(java.nio.file.Path file) {
        return ChannelTexts.load(file, KEYS, OPTIONAL_KEYS);
    }
}
