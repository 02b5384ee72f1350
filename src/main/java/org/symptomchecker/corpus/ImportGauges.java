package org.symptomchecker.corpus;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.symptomchecker.metrics.TurnMetrics;

/** Where the corpus import stands, as gauges read from {@link CorpusImporter#progress()} (no database read). */
@Startup
@ApplicationScoped
public class ImportGauges {

    public ImportGauges(CorpusImporter importer, TurnMetrics metrics) {
        metrics.gauge("symptom.import.running", "1 while a corpus import runs", () -> importer.progress().running() ? 1 : 0);
        metrics.gauge("symptom.import.files", "Files of the running (or last) import", () -> importer.progress().filesDone(), "state", "done");
        metrics.gauge("symptom.import.files", "Files of the running (or last) import", () -> importer.progress().filesTotal(), "state", "total");
        metrics.gauge("symptom.import.documents", "Documents stored by the running (or last) import", () -> importer.progress().documents());
        metrics.gauge("symptom.import.passages.embedded", "Passages embedded by the running (or last) import",
                () -> importer.progress().passagesEmbedded());
        metrics.gauge("symptom.import.file.records", "Records of the file being read (NaN when unknown or none)",
                () -> fileRecords(importer.progress(), false), "state", "done");
        metrics.gauge("symptom.import.file.records", "Records of the file being read (NaN when unknown or none)",
                () -> fileRecords(importer.progress(), true), "state", "total");
    }

    private static double fileRecords(ImportProgress p, boolean total) {
        if (p.file() == null) {
            return Double.NaN;
        }
        long n = total ? p.file().total() : p.file().done();
        return n == ImportProgress.UNKNOWN ? Double.NaN : n;
    }
}
