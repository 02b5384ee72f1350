package org.symptomchecker.console;

/**
 * The console's sign-in page: labelled fields, and a message (an error in a live alert region) that screen readers
 * announce when the page loads after a refused attempt.
 */
public final class LoginPage {

    /** Where the form posts (quarkus.http.auth.form.post-location). */
    public static final String POST_LOCATION = "/console/j_security_check";

    private LoginPage() {
    }

    /** The page, with an error (announced as an alert) or a notice (a polite status), or neither when both are null. */
    public static String html(String error, String notice) {
        String message = error != null
                ? "<p id=\"login-message\" class=\"error\" role=\"alert\">" + escape(error) + "</p>"
                : notice != null ? "<p id=\"login-message\" role=\"status\">" + escape(notice) + "</p>" : "";
        String describedBy = error != null ? " aria-describedby=\"login-message\" aria-invalid=\"true\"" : "";
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in: Symptom Checker content console</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem;line-height:1.5}
                label{display:block;margin-top:1rem;font-weight:600}
                input{width:100%%;padding:.5rem;font-size:1rem;box-sizing:border-box}
                input:focus,button:focus{outline:3px solid #1a5fb4;outline-offset:2px}
                button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}
                .error{color:#a51d2d;font-weight:600}
                </style>
                </head>
                <body>
                <main>
                <h1>Content console</h1>
                %s
                <form method="post" action="%s">
                <label for="j_username">Username</label>
                <input id="j_username" name="j_username" autocomplete="username" required autofocus%s>
                <label for="j_password">Password</label>
                <input id="j_password" name="j_password" type="password" autocomplete="current-password" required%s>
                <button type="submit">Sign in</button>
                </form>
                </main>
                </body>
                </html>
                """.formatted(message, POST_LOCATION, describedBy, describedBy);
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
