package org.symptomchecker.api;

/** A request the service refuses, with the status and the words to send back. */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;

    public ApiProblem(String detail) {
        this(400, "Bad request", detail);
    }

    public ApiProblem(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
