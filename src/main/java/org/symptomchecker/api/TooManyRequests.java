package org.symptomchecker.api;

/** A request over a rate limit (429) or refused for load (503): a problem whose Retry-After header says when to send it again. */
public class TooManyRequests extends ApiProblem {

    private final long retryAfterSeconds;

    public TooManyRequests(String why, long retryAfterSeconds) {
        this(429, "Too many requests", why, retryAfterSeconds);
    }

    private TooManyRequests(int status, String title, String why, long retryAfterSeconds) {
        super(status, title, why + "; try again in " + retryAfterSeconds + (retryAfterSeconds == 1 ? " second" : " seconds"));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A request the service had no time for (every place among the turns it answers at once stayed taken): 503. */
    public static TooManyRequests busy(String why, long retryAfterSeconds) {
        return new TooManyRequests(503, "Busy", why, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
