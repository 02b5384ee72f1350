package org.symptomchecker.api;

/** A request over a rate limit: a 429 problem whose Retry-After header says when to send it again. */
public class TooManyRequests extends ApiProblem {

    private final long retryAfterSeconds;

    public TooManyRequests(String why, long retryAfterSeconds) {
        super(429, "Too many requests", why + "; try again in " + retryAfterSeconds + (retryAfterSeconds == 1 ? " second" : " seconds"));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
