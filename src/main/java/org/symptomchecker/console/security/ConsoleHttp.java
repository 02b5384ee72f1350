package org.symptomchecker.console.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.ServerCookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.symptomchecker.api.Problem;
import org.symptomchecker.console.ConsoleConfig;
import org.symptomchecker.console.LoginPage;

import java.util.ArrayList;
import java.util.List;

/**
 * The console's handling below JAX-RS: a refused login or ended session answered as a 401/429 problem (an API client)
 * or the login page (a browser), and the Secure attribute on the console's cookies when so configured.
 */
@ApplicationScoped
public class ConsoleHttp {

    /** quarkus.http.auth.form.cookie-name. */
    public static final String SESSION_COOKIE = "symptom-console";
    private static final List<String> COOKIES = List.of(SESSION_COOKIE, CsrfTokens.COOKIE, "quarkus-redirect-location");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** quarkus.http.auth.form.post-location. */
    private static final String PASSWORD_POST = "/console/j_security_check";

    private final boolean secureCookies;
    private final boolean oidc;

    public ConsoleHttp(ConsoleConfig config, ConsoleLoginConfig login) {
        this.secureCookies = config.secureCookies();
        this.oidc = login.oidc();
    }

    void routes(@Observes Router router) {
        // first of all handlers, so the flag is set on cookies that the authentication step itself writes
        router.route().order(Integer.MIN_VALUE + 100).handler(rc -> {
            if (secureCookies) {
                rc.addHeadersEndHandler(v -> markSecure(rc));
            }
            rc.next();
        });
        router.route().failureHandler(this::answerRefusal);
        if (oidc) {
            // after sign-in (the permissions send anyone else to the provider first): no password page, to the console
            for (String path : List.of(ConsolePaths.LOGIN, PASSWORD_POST)) {
                router.route(path).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(rc -> rc.response()
                        .setStatusCode(303).putHeader("Location", ConsolePaths.PAGES).putHeader("Cache-Control", "no-store").end());
            }
        }
    }

    /**
     * The fallback for a refusal that reached the router's failure handlers unanswered, and the body of a console
     * request that OIDC sign-in refused (Quarkus would send its status with no body, or a stack trace in dev mode).
     */
    private void answerRefusal(RoutingContext rc) {
        if (rc.failure() instanceof LoginRefused refused) {
            answer(rc, refused);
        } else if (oidc && providerRefusal(rc)) {
            answerProviderRefusal(rc);
        } else {
            rc.next();
        }
    }

    /**
     * A console request whose OIDC sign-in failed: a bad, expired or foreign token (its 401 challenge already set), a
     * code flow that could not be completed (the provider refused the code or did not answer), or a provider that
     * could not be reached at all. A redirect challenge (to the provider) is left as it is.
     */
    private static boolean providerRefusal(RoutingContext rc) {
        Throwable f = rc.failure();
        String path = rc.normalizedPath();
        boolean console = ConsolePaths.isApi(path) || ConsolePaths.isPage(path);
        boolean failed = f instanceof AuthenticationFailedException || f instanceof AuthenticationCompletionException
                || f instanceof OIDCException;
        int status = rc.response().getStatusCode();
        return console && failed && !rc.response().ended() && !rc.response().headWritten() && status != 302 && status != 303;
    }

    private static void answerProviderRefusal(RoutingContext rc) {
        boolean unreachable = rc.failure() instanceof OIDCException;
        int status = unreachable ? 503 : 401;
        String title = unreachable ? "Service Unavailable" : "Unauthorized";
        String detail;
        if (unreachable) {
            detail = "the console's identity provider cannot be reached: try again in a moment";
        } else if (rc.failure() instanceof AuthenticationCompletionException) {
            detail = "sign-in through the identity provider could not be completed: open the console again to retry";
        } else {
            detail = "the access token is missing, expired or not valid for this console: sign in again";
        }
        HttpServerResponse res = rc.response().setStatusCode(status).putHeader("Cache-Control", "no-store");
        boolean browser = !ConsolePaths.isApi(rc.normalizedPath()) && accepts(rc, "text/html");
        if (browser) {
            res.putHeader("Content-Type", "text/html; charset=utf-8").end("""
                    <!DOCTYPE html>
                    <html lang="en">
                    <head><meta charset="utf-8"><title>Sign-in failed: Symptom Checker console</title></head>
                    <body><main><h1>Sign-in failed</h1><p role="alert">%s</p><p><a href="%s">Open the console</a></p></main></body>
                    </html>
                    """.formatted(LoginPage.escape(detail), ConsolePaths.PAGES));
        } else {
            res.putHeader("Content-Type", Problem.MEDIA_TYPE).end(json(new Problem("about:blank", title, status, detail)));
        }
    }

    /**
     * Answers a refused login or ended session at once (the identity providers call this before they fail), so that no
     * later step turns it into the form's redirect: an API client gets a 401/429 problem, a browser the login page
     * with the error (or, for an ended session, a redirect to it).
     */
    static void answer(RoutingContext rc, LoginRefused refused) {
        HttpServerResponse res = rc.response();
        if (res.ended() || res.headWritten()) {
            return;
        }
        res.putHeader("Cache-Control", "no-store");
        if (refused.isSessionEnded()) {
            res.addCookie(Cookie.cookie(SESSION_COOKIE, "").setPath("/").setMaxAge(0));
        }
        if (refused.status() == 429) {
            res.putHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
        }
        boolean browser = !ConsolePaths.isApi(rc.normalizedPath()) && accepts(rc, "text/html");
        if (browser && refused.isSessionEnded()) {
            res.setStatusCode(302).putHeader("Location", ConsolePaths.LOGIN + "?expired=true").end();
        } else if (browser) {
            res.setStatusCode(refused.status()).putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(LoginPage.html(refused.getMessage(), null));
        } else {
            String title = refused.status() == 429 ? "Too Many Requests" : "Unauthorized";
            res.setStatusCode(refused.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json(new Problem("about:blank", title, refused.status(), refused.getMessage())));
        }
    }

    private static boolean accepts(RoutingContext rc, String type) {
        String accept = rc.request().getHeader("Accept");
        return accept != null && accept.contains(type);
    }

    private static String json(Problem p) {
        try {
            return JSON.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cookies set through the response (kept in the request's cookie jar until written) and raw Set-Cookie headers. */
    private static void markSecure(RoutingContext rc) {
        for (String name : COOKIES) {
            for (Cookie c : rc.request().cookies(name)) {
                if (c instanceof ServerCookie sc && sc.isChanged()) {
                    c.setSecure(true);
                }
            }
        }
        List<String> headers = rc.response().headers().getAll("Set-Cookie");
        if (headers.isEmpty()) {
            return;
        }
        List<String> rewritten = new ArrayList<>();
        for (String h : headers) {
            boolean ours = COOKIES.stream().anyMatch(n -> h.startsWith(n + "="));
            rewritten.add(ours && !h.toLowerCase(java.util.Locale.ROOT).contains("; secure") ? h + "; Secure" : h);
        }
        rc.response().headers().remove("Set-Cookie");
        rewritten.forEach(h -> rc.response().headers().add("Set-Cookie", h));
    }
}
