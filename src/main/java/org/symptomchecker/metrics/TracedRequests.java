package org.symptomchecker.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps what a person sent out of the HTTP spans (with tracing on): a query string (the deprecated GET search carries
 * the question, a webhook's check its token), the client's address and user agent are replaced, and a conversation's id
 * in a path becomes {id}.
 */
@ApplicationScoped
public class TracedRequests implements SpanProcessor {

    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final List<AttributeKey<String>> REPLACED = List.of(AttributeKey.stringKey("url.query"),
            AttributeKey.stringKey("http.target"), AttributeKey.stringKey("client.address"),
            AttributeKey.stringKey("network.peer.address"), AttributeKey.stringKey("user_agent.original"));
    private static final Pattern CONVERSATION = Pattern.compile("^(/api/v1/conversations/)[^/?]+");

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
        for (AttributeKey<String> key : REPLACED) {
            if (span.getAttribute(key) != null) {
                span.setAttribute(key, "redacted");
            }
        }
        String path = span.getAttribute(PATH);
        if (path != null && CONVERSATION.matcher(path).find()) {
            span.setAttribute(PATH, CONVERSATION.matcher(path).replaceFirst("$1{id}"));
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
