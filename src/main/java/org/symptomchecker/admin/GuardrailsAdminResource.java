package org.symptomchecker.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.triage.Guardrails;
import org.symptomchecker.triage.RuleSet;
import org.symptomchecker.triage.SafetyCounters;

import java.time.Instant;
import java.util.Map;

/** Rule-set operations for the content team: reload after an edit, and what is in use. */
@Path("/api/v1/admin/guardrails")
@Produces(MediaType.APPLICATION_JSON)
public class GuardrailsAdminResource {

    private final Guardrails guardrails;
    private final SafetyCounters counters;
    private final AdminToken adminToken;

    public GuardrailsAdminResource(Guardrails guardrails, SafetyCounters counters, AdminToken adminToken) {
        this.guardrails = guardrails;
        this.counters = counters;
        this.adminToken = adminToken;
    }

    /** The rule set in use and the safety counters. */
    public record Status(String ruleSetVersion, Instant loadedAt, int concepts, int rules, Map<String, Long> safetyEvents) {
    }

    @POST
    @Path("/reload")
    @Operation(summary = "Validate the guardrails folder, run its evaluation set, and use it if it passes")
    public Response reload(@HeaderParam("X-Admin-Token") String token) {
        adminToken.authorize(token);
        if (!guardrails.reloadsFromFiles()) {
            throw new org.symptomchecker.api.ApiProblem(409, "Conflict",
                    "content comes from published releases (symptom.content.source=releases): change it through the console");
        }
        Guardrails.ReloadResult result = guardrails.reload();
        return Response.status(result.applied() ? 200 : 422).entity(result).build();
    }

    @GET
    @Path("/status")
    @Operation(summary = "Version of the rule set in use and the counts of safety events")
    public Status status(@HeaderParam("X-Admin-Token") String token) {
        adminToken.authorize(token);
        RuleSet rules = guardrails.ruleSet();
        return new Status(rules.version(), guardrails.loadedAt(), rules.concepts().size(), rules.rules().size(), counters.snapshot());
    }
}
