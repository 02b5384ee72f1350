package org.symptomchecker.console.web;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.symptomchecker.console.ConsoleActor;
import org.symptomchecker.console.LoginPage;
import org.symptomchecker.console.audit.AuditLog;
import org.symptomchecker.console.security.ConsoleAccess;
import org.symptomchecker.console.security.ConsoleHttp;
import org.symptomchecker.console.security.CsrfFormField;
import org.symptomchecker.console.security.CsrfTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The console's server-rendered pages: sign in, the content console (its page, script and styles), and sign out. */
@Path("/console")
public class ConsolePages {

    private final ConsoleAccess access;
    private final CsrfTokens csrf;
    private final AuditLog audit;

    public ConsolePages(ConsoleAccess access, CsrfTokens csrf, AuditLog audit) {
        this.access = access;
        this.csrf = csrf;
        this.audit = audit;
    }

    @GET
    @Path("/login")
    @Produces(MediaType.TEXT_HTML)
    public Response login(@QueryParam("error") String error, @QueryParam("logout") String logout,
                          @QueryParam("expired") String expired) {
        String notice = logout != null ? "You are signed out." : expired != null ? "Your session has ended: sign in again." : null;
        String page = LoginPage.html(error != null ? "The username or password is not correct." : null, notice);
        return Response.ok(page).header("Cache-Control", "no-store").build();
    }

    /** The console's pages and files: their own scripts and styles only, no inline code, no framing. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * The content console after sign-in: a page that console.js fills from the JSON API (releases and drafts, a
     * draft's files, diff, evaluation and publish, the audit log, statistics, users for admins), with one live region
     * for results and errors.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response home(@CookieParam(CsrfTokens.COOKIE) String csrfCookie) {
        ConsoleActor actor = access.require();
        String token = csrf.current(actor.username(), csrfCookie);
        String page = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Content console: Symptom Checker</title>
                <link rel="stylesheet" href="/console/console.css">
                <script type="module" src="/console/console.js"></script>
                </head>
                <body>
                <header>
                <p><a href="#/">Content console</a></p>
                <nav aria-label="Console">
                <ul>
                <li><a href="#/">Releases and drafts</a></li>
                <li><a href="#/gaps">To-do</a></li>
                <li><a href="#/stats">Statistics</a></li>
                <li id="audit-link" hidden><a href="#/audit">Audit log</a></li>
                <li id="users-link" hidden><a href="#/users">Users</a></li>
                </ul>
                </nav>
                <p id="who">Signed in as <strong>%s</strong> (role %s)</p>
                <form method="post" action="/console/logout">
                <input type="hidden" name="%s" value="%s">
                <button type="submit">Sign out</button>
                </form>
                </header>
                <main>
                <h1>Content console</h1>
                <div id="live" role="status" aria-live="polite" aria-atomic="true"></div>
                <div id="view"><p>Loading…</p></div>
                </main>
                </body>
                </html>
                """.formatted(LoginPage.escape(actor.username()), actor.role().label(), CsrfTokens.FORM_FIELD, token);
        return Response.ok(page).cookie(csrf.cookie(token)).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", CSP).build();
    }

    @GET
    @Path("/console.js")
    @Produces("text/javascript")
    public Response script() {
        return file("console.js", "text/javascript; charset=utf-8");
    }

    /** The preview and golden conversation views, a module console.js imports. */
    @GET
    @Path("/preview.js")
    @Produces("text/javascript")
    public Response previewScript() {
        return file("preview.js", "text/javascript; charset=utf-8");
    }

    @GET
    @Path("/console.css")
    @Produces("text/css")
    public Response styles() {
        return file("console.css", "text/css; charset=utf-8");
    }

    private static Response file(String name, String type) {
        try (InputStream in = ConsolePages.class.getResourceAsStream("/console-ui/" + name)) {
            if (in == null) {
                return Response.status(404).build();
            }
            return Response.ok(new String(in.readAllBytes(), StandardCharsets.UTF_8), type).header("Cache-Control", "no-cache")
                    .header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs out: a form post with the hidden token field, or a script's post with the CSRF header. */
    @POST
    @Path("/logout")
    @CsrfFormField
    public Response logout(@FormParam(CsrfTokens.FORM_FIELD) String formToken, @HeaderParam(CsrfTokens.HEADER) String headerToken,
                           @HeaderParam("Accept") String accept, @CookieParam(CsrfTokens.COOKIE) String csrfCookie) {
        ConsoleActor actor = access.require();
        access.requireFormToken(actor, formToken != null ? formToken : headerToken, csrfCookie);
        audit.record(actor.username(), "logout", actor.username(), null, null);
        NewCookie session = new NewCookie.Builder(ConsoleHttp.SESSION_COOKIE).value("").path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
        NewCookie token = new NewCookie.Builder(CsrfTokens.COOKIE).value("").path("/").maxAge(0)
                .sameSite(NewCookie.SameSite.STRICT).build();
        Response.ResponseBuilder done = accept != null && accept.contains("text/html")
                ? Response.seeOther(URI.create("/console/login?logout=true"))
                : Response.noContent();
        return done.cookie(session, token).build();
    }
}
