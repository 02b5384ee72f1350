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
    public Response badRequest(ApiProblem e) {
        Response problem = Problem.response(e.status(), e.title(), e.getMessage());
        return e instanceof TooManyRequests limited
                ? Response.fromResponse(problem).header("Retry-After", String.valueOf(limited.retryAfterSeconds())).build()
                : problem;
    }

    /** Bean Validation on a request: every broken constraint's message, in one problem. */
    @ServerExceptionMapper
    public Response invalid(io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException e) {
        return invalidRequest(e);
    }

    @ServerExceptionMapper
    public Response invalidRequest(jakarta.validation.ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream().map(jakarta.validation.ConstraintViolation::getMessage)
                .sorted().distinct().collect(java.util.stream.Collectors.joining("; "));
        return Problem.response(400, "Bad request", detail.isEmpty() ? "the request is not valid" : detail);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return Problem.response(400, "Malformed request body", jsonDetail(e));
    }

    /** What is wrong with a body the JSON reader refused, in words a client developer can act on. */
    private static String jsonDetail(JsonProcessingException e) {
        if (e instanceof MismatchedInputException m && m.getPath() != null && !m.getPath().isEmpty()) {
            return "field '" + m.getPath().get(m.getPath().size() - 1).getFieldName() + "' has the wrong type";
        }
        String field = duplicateField(e);
        return field != null ? "field '" + (field.length() > 64 ? field.substring(0, 64) : field) + "' is given more than once"
                : "the body is not valid JSON";
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
            case 406 -> "the service cannot answer in the media type the Accept header asks for";
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
        if (clientGone(e)) {
            // the client closed the connection before its request's body was read (it gave up waiting): no one to
            // answer, and not the service's failure, so no error line and no 5xx in the metrics
            LOG.debug("a client closed its connection before its request's body was read");
            return Problem.response(400, "Request not read", "the connection closed before the request's body was read");
        }
        LOG.errorf("unexpected failure: %s", withoutMessages(e));
        return Problem.response(500, "Service error", "the service could not handle this request");
    }

    /**
     * A failure as the log may hold it: each exception's class and where it was thrown, never its message, which can
     * quote what a person wrote or a stored row's values (a driver's refusal does).
     */
    static String withoutMessages(Throwable e) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            out.append(depth == 0 ? "" : "\ncaused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 15); i++) {
                out.append("\n\tat ").append(frames[i]);
            }
        }
        return out.toString();
    }

    /** Whether a failure is the request body's connection closing under its reader. */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException || t instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    /** The field a strict parser found twice ("Duplicate field 'message'"), or null. */
    private static String duplicateField(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            int at = m == null ? -1 : m.indexOf("Duplicate field '");
            if (at >= 0) {
                String rest = m.substring(at + "Duplicate field '".length());
                int end = rest.indexOf('\'');
                return end < 0 ? rest : rest.substring(0, end);
            }
        }
        return null;
    }

    private static String cause(WebApplicationException e) {
        return e.getCause() instanceof JsonProcessingException json ? jsonDetail(json) : "the request cannot be handled";
    }
}
