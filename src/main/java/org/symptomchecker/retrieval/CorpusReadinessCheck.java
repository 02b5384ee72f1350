package org.symptomchecker.retrieval;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the corpus is imported and this instance's index matches the database. */
@Readiness
@ApplicationScoped
public class CorpusReadinessCheck implements HealthCheck {

    private final CorpusLifecycle lifecycle;
    private final PassageIndex index;

    public CorpusReadinessCheck(CorpusLifecycle lifecycle, PassageIndex index) {
        this.lifecycle = lifecycle;
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        boolean ready = lifecycle.isReady();
        String failure = lifecycle.failure();
        return HealthCheckResponse.named("corpus")
                .status(ready)
                .withData("indexChangeSeq", index.appliedSeq())
                .withData("passages", index.passageCount())
                .withData("state", failure != null ? "failed: " + failure : ready ? "ready" : "importing")
                .build();
    }
}
