package org.symptomchecker.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.symptomchecker.SymptomConfig;

/**
 * Refuses a body larger than symptom.http.max-body-bytes with a JSON problem, before it is read.
 * (The HTTP layer's own, larger limit, quarkus.http.limits.max-body-size, backs this up for bodies sent
 * without a length.)
 */
public class BodySizeFilter {

    private final long maxBytes;

    public BodySizeFilter(SymptomConfig config) {
        this.maxBytes = config.http().maxBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    public Response limitBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return null;
        }
        try {
            if (Long.parseLong(length.strip()) > maxBytes) {
                return Problem.response(413, "Request body too large", "the body is limited to " + maxBytes + " bytes");
            }
            return null;
        } catch (NumberFormatException e) {
            return Problem.response(400, "Bad request", "Content-Length is not a number");
        }
    }
}
