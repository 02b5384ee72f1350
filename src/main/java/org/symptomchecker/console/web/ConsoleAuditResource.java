package org.symptomchecker.console.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.symptomchecker.api.ApiProblem;
import org.symptomchecker.console.ConsoleRole;
import org.symptomchecker.console.audit.AuditFilter;
import org.symptomchecker.console.audit.AuditLog;
import org.symptomchecker.console.audit.AuditPage;
import org.symptomchecker.console.audit.AuditVerification;
import org.symptomchecker.console.security.ConsoleAccess;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The audit log for reviewers and admins: a page of entries, the whole selection as JSON Lines, the chain's check. */
@Path("/api/v1/admin/content/audit")
public class ConsoleAuditResource {

    static final String NDJSON = "application/x-ndjson";
    private static final int MAX_PAGE_SIZE = 500;

    private final ConsoleAccess access;
    private final AuditLog audit;
    private final ObjectMapper json;

    public ConsoleAuditResource(ConsoleAccess access, AuditLog audit, ObjectMapper json) {
        this.access = access;
        this.audit = audit;
        this.json = json;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AuditPage list(@QueryParam("actor") String actor, @QueryParam("action") String action,
                          @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        access.require(ConsoleRole.REVIEWER, ConsoleRole.ADMIN);
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ApiProblem("page must be 0 or more and size 1 to " + MAX_PAGE_SIZE);
        }
        return audit.page(filter(actor, action, from, to), page, size);
    }

    @GET
    @Path("/export")
    @Produces(NDJSON)
    public Response export(@QueryParam("actor") String actor, @QueryParam("action") String action,
                           @QueryParam("from") String from, @QueryParam("to") String to) {
        access.require(ConsoleRole.REVIEWER, ConsoleRole.ADMIN);
        AuditFilter filter = filter(actor, action, from, to);
        StreamingOutput body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            audit.each(filter, entry -> {
                try {
                    w.write(json.writeValueAsString(entry));
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            w.flush();
        };
        return Response.ok(body, NDJSON).header("Content-Disposition", "attachment; filename=\"audit.jsonl\"").build();
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public AuditVerification verify() {
        access.require(ConsoleRole.REVIEWER, ConsoleRole.ADMIN);
        return audit.verify();
    }

    private static AuditFilter filter(String actor, String action, String from, String to) {
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        if (f != null && t != null && !f.isBefore(t)) {
            throw new ApiProblem("from must be before to");
        }
        return new AuditFilter(blankToNull(actor), blankToNull(action), f, t);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiProblem(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
