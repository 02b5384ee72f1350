package org.symptomchecker.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.api.BadRequestProblem;
import org.symptomchecker.corpus.CorpusImporter;
import org.symptomchecker.corpus.CorpusStore;
import org.symptomchecker.corpus.ImportReport;
import org.symptomchecker.retrieval.CorpusLifecycle;
import org.symptomchecker.retrieval.IndexSynchronizer;
import org.symptomchecker.retrieval.PassageEmbedder;
import org.symptomchecker.retrieval.PassageIndex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** Operations on the corpus for operators: import now, and where the corpus and index stand. */
@Path("/api/v1/admin/corpus")
@Produces(MediaType.APPLICATION_JSON)
public class CorpusAdminResource {

    private final CorpusImporter importer;
    private final IndexSynchronizer synchronizer;
    private final CorpusStore store;
    private final PassageIndex index;
    private final PassageEmbedder embedder;
    private final CorpusLifecycle readiness;
    private final SymptomConfig config;

    public CorpusAdminResource(CorpusImporter importer, IndexSynchronizer synchronizer, CorpusStore store,
                               PassageIndex index, PassageEmbedder embedder, CorpusLifecycle readiness, SymptomConfig config) {
        this.importer = importer;
        this.synchronizer = synchronizer;
        this.store = store;
        this.index = index;
        this.embedder = embedder;
        this.readiness = readiness;
        this.config = config;
    }

    /** Where the corpus and this instance's index stand. */
    public record Status(boolean ready, long changeSeq, long indexChangeSeq, int indexedPassages,
                         Map<String, Long> documents, long passagesEmbeddedSinceStart, boolean indexRebuiltOnStart,
                         long indexSizeBytes, ImportReport lastImport) {
    }

    @POST
    @Path("/import")
    @Operation(summary = "Import the configured corpus paths now and bring the index up to date")
    public ImportReport importNow(@HeaderParam("X-Admin-Token") String token) {
        authorize(token);
        ImportReport report = importer.importConfigured();
        synchronizer.sync();
        return report;
    }

    @GET
    @Path("/status")
    @Operation(summary = "Corpus change sequence, index state and the last import report")
    public Status status(@HeaderParam("X-Admin-Token") String token) {
        authorize(token);
        return new Status(readiness.isReady(), store.currentChangeSeq(), index.appliedSeq(), index.passageCount(),
                store.countByStatus(), embedder.passagesEmbedded(), index.rebuiltOnOpen(), index.sizeOnDiskBytes(),
                importer.lastReport());
    }

    private void authorize(String token) {
        String expected = config.admin().token().orElse(null);
        if (expected == null || expected.isBlank()) {
            throw new BadRequestProblem(403, "Forbidden", "admin calls are switched off (set symptom.admin.token)");
        }
        if (token == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new BadRequestProblem(401, "Unauthorized", "a valid X-Admin-Token header is required");
        }
    }
}
