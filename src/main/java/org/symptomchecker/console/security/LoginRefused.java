package org.symptomchecker.console.security;

/**
 * A console login (or a session's cookie) refused: wrong credentials (401), too many failures (429, with the seconds
 * until another attempt), or a session whose user is gone or disabled (401). Raised inside authentication and answered
 * by {@link ConsoleHttp}, so it never becomes Quarkus's redirect to an error page.
 */
public class LoginRefused extends RuntimeException {

    private final int status;
    private final long retryAfterSeconds;
    private final boolean sessionEnded;

    private LoginRefused(int status, String detail, long retryAfterSeconds, boolean sessionEnded) {
        super(detail, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.sessionEnded = sessionEnded;
    }

    static LoginRefused wrongCredentials() {
        return new LoginRefused(401, "the username or password is not correct", 0, false);
    }

    static LoginRefused throttled(long retryAfterSeconds) {
        return new LoginRefused(429, "too many failed logins: try again in " + Math.max(1, (retryAfterSeconds + 59) / 60)
                + " minute(s)", retryAfterSeconds, false);
    }

    static LoginRefused passwordLoginOff() {
        return new LoginRefused(401, "password sign-in is off: the console signs in through the identity provider", 0, false);
    }

    static LoginRefused sessionEnded() {
        return new LoginRefused(401, "the session has ended: log in again", 0, true);
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public boolean isSessionEnded() {
        return sessionEnded;
    }
}
