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
    private final org.symptomchecker.corpus.CorpusImporter importer;

    public CorpusReadinessCheck(CorpusLifecycle lifecycle, PassageIndex index, org.symptomchecker.corpus.CorpusImporter importer) {
        this.lifecycle = lifecycle;
        this.index = index;
        this.importer = importer;
    }

    @Override
    public HealthCheckResponse call() {
        boolean ready = lifecycle.isReady();
        String failure = lifecycle.failure();
        var progress = importer.progress();
        var response = HealthCheckResponse.named("corpus")
                .status(ready)
                .withData("indexChangeSeq", index.appliedSeq())
                .withData("passages", index.passageCount())
                .withData("state", failure != null ? "failed: " + failure : ready ? "ready" : "importing")
                .withData("importFiles", progress.filesDone() + " of " + progress.filesTotal())
                .withData("importDocuments", progress.documents())
                .withData("importPassagesEmbedded", progress.passagesEmbedded());
        if (progress.running()) {
            response.withData("importFilesPerSecond", String.format(java.util.Locale.ROOT, "%.2f", progress.filesPerSecond()))
                    .withData("importSecondsLeft", progress.secondsLeft());
        }
        return response.build();
    }
}
