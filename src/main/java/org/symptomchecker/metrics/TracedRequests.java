package org.symptomchecker.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Pattern;

/**
 * Keeps what a person sent out of the HTTP spans (with tracing on): a query string (the deprecated GET search carries
 * the question, a webhook's check its token) is replaced, and a conversation's id in a path becomes {id}.
 */
@ApplicationScoped
public class TracedRequests implements SpanProcessor {

    private static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> TARGET = AttributeKey.stringKey("http.target");
    private static final Pattern CONVERSATION = Pattern.compile("^(/api/v1/conversations/)[^/?]+");

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
        if (span.getAttribute(QUERY) != null) {
            span.setAttribute(QUERY, "redacted");
        }
        String path = span.getAttribute(PATH);
        if (path != null && CONVERSATION.matcher(path).find()) {
            span.setAttribute(PATH, CONVERSATION.matcher(path).replaceFirst("$1{id}"));
        }
        if (span.getAttribute(TARGET) != null) {
            span.setAttribute(TARGET, "redacted");
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
