package org.symptomchecker.channels.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.symptomchecker.SymptomConfig;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Headers of the widget's files and calls: the demo page and the widget's files under a strict Content Security
 * Policy, and CORS for the calls widget.js makes from the sites listed in symptom.widget.allowed-origins.
 */
@ApplicationScoped
public class WidgetHeaders {

    /** The demo page's policy: its own scripts, styles and API only; no inline code, no eval, no framing. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final Set<String> PAGES = Set.of("/", "/index.html", "/widget.js", "/widget.css", "/demo.css");

    private final Set<String> allowedOrigins;

    public WidgetHeaders(SymptomConfig config) {
        this.allowedOrigins = config.widget().allowedOrigins().orElse(List.of()).stream()
                .map(o -> o.strip().toLowerCase(Locale.ROOT).replaceAll("/+$", ""))
                .filter(o -> !o.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 100);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = request.path();
        if (PAGES.contains(path)) {
            rc.response().putHeader("Content-Security-Policy", CSP)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer");
        } else if (isWidgetCall(path)) {
            String origin = request.getHeader("Origin");
            boolean allowed = origin != null && allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
            if (allowed) {
                rc.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin")
                        .putHeader("Access-Control-Expose-Headers", "Retry-After"); // the widget waits as long before sending again
            }
            if (request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null) {
                if (allowed) {
                    rc.response().setStatusCode(204)
                            .putHeader("Access-Control-Allow-Methods", "GET, POST, DELETE")
                            .putHeader("Access-Control-Allow-Headers", "Content-Type")
                            .putHeader("Access-Control-Max-Age", "600")
                            .end();
                } else {
                    rc.response().setStatusCode(403).end();
                }
                return;
            }
        }
        rc.next();
    }

    static boolean isWidgetCall(String path) {
        return path.equals("/api/v1/chat") || path.equals("/api/v1/chat/stream") || path.equals("/api/v1/widget/config")
                || path.startsWith("/api/v1/conversations/");
    }
}
