package org.symptomchecker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as a JSON problem body; nothing internal (stack traces, class names) is shown. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response badRequest(BadRequestProblem e) {
        return Problem.response(e.status(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String detail = e instanceof MismatchedInputException m && m.getPath() != null && !m.getPath().isEmpty()
                ? "field '" + m.getPath().get(m.getPath().size() - 1).getFieldName() + "' has the wrong type"
                : "the body is not valid JSON";
        return Problem.response(400, "Malformed request body", detail);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf("request failed with status %d (%s)", status, e.getClass().getSimpleName());
            return Problem.response(status, "Service error", "the service could not handle this request");
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Request refused";
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 406 -> "the service answers in application/json";
            case 415 -> "send the body as application/json";
            default -> cause(e);
        };
        return Problem.response(status, title, detail);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        LOG.error("unexpected failure", e);
        return Problem.response(500, "Service error", "the service could not handle this request");
    }

    private static String cause(WebApplicationException e) {
        return e.getCause() instanceof JsonProcessingException ? "the body is not valid JSON" : "the request cannot be handled";
    }
}
