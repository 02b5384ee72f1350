package org.symptomchecker.triage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.symptomchecker.SymptomConfig;

/**
 * Ready once the start-up safety gate has run (symptom.triage.ready-after-gate, on by default): the gate
 * runs every EMERGENCY evaluation case through triage, which also compiles triage's code, so the first
 * turns a load balancer sends are served warm and the gate no longer competes with them for the CPU.
 */
@Readiness
@ApplicationScoped
public class GuardrailsReadinessCheck implements HealthCheck {

    private final Guardrails guardrails;
    private final boolean waitForGate;

    public GuardrailsReadinessCheck(Guardrails guardrails, SymptomConfig config) {
        this.guardrails = guardrails;
        this.waitForGate = config.triage().readyAfterGate();
    }

    @Override
    public HealthCheckResponse call() {
        boolean done = guardrails.gateDone();
        return HealthCheckResponse.named("guardrails")
                .status(done || !waitForGate)
                .withData("gate", done ? "done" : "running")
                .build();
    }
}
