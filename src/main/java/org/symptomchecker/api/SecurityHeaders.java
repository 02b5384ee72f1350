package org.symptomchecker.api;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.symptomchecker.SymptomConfig;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The security headers of every reply, added just before its head is written, so that replies made anywhere (a
 * resource, a problem mapper, a filter that answers early, the health checks, the router's own 404 and 413) carry them:
 * no caching, no content sniffing, no referrer, no framing, and HSTS when symptom.http.hsts is set. A header a reply
 * already has is kept: the widget's and the console's pages set their own Content-Security-Policy and caching.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** A JSON (or other non-page) reply's policy: it loads nothing and may be framed by no one. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    /** A page without a policy of its own (the console's login page, dev tools): only its framing is refused. */
    static final String PAGE_CSP = "frame-ancestors 'none'";
    /** The widget's files, which embedding sites load on each of their pages: cacheable, their own policy. */
    private static final Set<String> WIDGET_FILES = Set.of("/widget.js", "/widget.css", "/demo.css");

    private final Optional<String> hsts;

    public SecurityHeaders(SymptomConfig config) {
        this.hsts = config.http().hsts().map(String::strip).filter(v -> !v.isEmpty());
        hsts.ifPresent(v -> {
            if (!v.toLowerCase(Locale.ROOT).startsWith("max-age=")) {
                throw new IllegalStateException("symptom.http.hsts must start with max-age=, e.g. max-age=31536000, not '" + v + "'");
            }
        });
    }

    void routes(@Observes Router router) {
        // before every other handler, the authentication steps included, so that their own replies are covered
        router.route().order(Integer.MIN_VALUE + 50).handler(rc -> {
            rc.addHeadersEndHandler(v -> add(rc));
            rc.next();
        });
    }

    private void add(RoutingContext rc) {
        MultiMap headers = rc.response().headers();
        putIfAbsent(headers, "X-Content-Type-Options", "nosniff");
        putIfAbsent(headers, "Referrer-Policy", "no-referrer");
        putIfAbsent(headers, "X-Frame-Options", "DENY");
        if (!headers.contains("Content-Security-Policy")) {
            String type = headers.get("Content-Type");
            boolean page = type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html");
            headers.set("Content-Security-Policy", page ? PAGE_CSP : API_CSP);
        }
        if (!WIDGET_FILES.contains(rc.request().path())) {
            putIfAbsent(headers, "Cache-Control", "no-store");
        }
        hsts.ifPresent(v -> headers.set("Strict-Transport-Security", v));
    }

    private static void putIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
