package org.symptomchecker.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.symptomchecker.SymptomConfig;

/**
 * Refuses a body that declares (Content-Length) more than symptom.http.max-body-bytes with a JSON problem,
 * before it is read. A body sent without a length (chunked) is counted as it is read, by
 * {@link BodySizeInterceptor}.
 */
public class BodySizeFilter {

    private final SymptomConfig.Http limits;

    public BodySizeFilter(SymptomConfig config) {
        this.limits = config.http();
    }

    @ServerRequestFilter(preMatching = true)
    public Response limitBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return null;
        }
        long maxBytes = limits.maxBodyBytes(request.path());
        try {
            if (Long.parseLong(length.strip()) > maxBytes) {
                ApiProblem tooLarge = tooLarge(maxBytes);
                return Problem.response(tooLarge.status(), tooLarge.title(), tooLarge.getMessage());
            }
            return null;
        } catch (NumberFormatException e) {
            return Problem.response(400, "Bad request", "Content-Length is not a number");
        }
    }

    /** The refusal of a body over the limit, whether its length was declared or counted as it was read. */
    static ApiProblem tooLarge(long maxBytes) {
        return new ApiProblem(413, "Request body too large", "the body is limited to " + maxBytes + " bytes");
    }
}
