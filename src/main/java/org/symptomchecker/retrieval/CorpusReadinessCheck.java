package org.symptomchecker.retrieval;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.symptomchecker.corpus.CorpusImporter;
import org.symptomchecker.corpus.ImportProgress;

/** Ready once the corpus is imported and this instance's index matches the database. */
@Readiness
@ApplicationScoped
public class CorpusReadinessCheck implements HealthCheck {

    private final CorpusLifecycle lifecycle;
    private final PassageIndex index;
    private final CorpusImporter importer;

    public CorpusReadinessCheck(CorpusLifecycle lifecycle, PassageIndex index, CorpusImporter importer) {
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
            long now = System.currentTimeMillis();
            response.withData("importFilesPerSecond", ImportProgress.rate(progress.filesPerSecond(now)))
                    .withData("importSecondsLeft", ImportProgress.seconds(progress.secondsLeft(now)));
            ImportProgress.InFile file = progress.file();
            if (file != null) {
                // within the file being read: records committed or refused of those it holds ("unknown" until counted)
                response.withData("importFileDocuments", file.describe())
                        .withData("importFileDocumentsPerSecond", ImportProgress.rate(file.perSecond(now)))
                        .withData("importFileSecondsLeft", ImportProgress.seconds(file.secondsLeft(now)));
            }
        }
        return response.build();
    }
}
