package org.symptomchecker.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.corpus.CorpusImporter;
import org.symptomchecker.corpus.CorpusStore;
import org.symptomchecker.corpus.ImportReport;
import org.symptomchecker.retrieval.CorpusLifecycle;
import org.symptomchecker.retrieval.IndexSynchronizer;
import org.symptomchecker.embedding.PassageEmbedder;
import org.symptomchecker.retrieval.PassageIndex;

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
    private final AdminToken adminToken;

    public CorpusAdminResource(CorpusImporter importer, IndexSynchronizer synchronizer, CorpusStore store,
                               PassageIndex index, PassageEmbedder embedder, CorpusLifecycle readiness, AdminToken adminToken) {
        this.importer = importer;
        this.synchronizer = synchronizer;
        this.store = store;
        this.index = index;
        this.embedder = embedder;
        this.readiness = readiness;
        this.adminToken = adminToken;
    }

    /** Where the corpus and this instance's index stand. */
    public record Status(boolean ready, long changeSeq, long indexChangeSeq, int indexedPassages,
                         Map<String, Long> documents, long passagesEmbeddedSinceStart, long questionsEmbeddedSinceStart,
                         boolean indexRebuiltOnStart,
                         long indexSizeBytes, ImportReport lastImport) {
    }

    @POST
    @Path("/import")
    @Operation(summary = "Import the configured corpus paths now and bring the index up to date")
    public ImportReport importNow(@HeaderParam("X-Admin-Token") String token) {
        authorize(token);
        ImportReport report = readiness.importAll(); // the served release's corpus, when content comes from releases
        synchronizer.sync();
        return report;
    }

    @GET
    @Path("/status")
    @Operation(summary = "Corpus change sequence, index state and the last import report")
    public Status status(@HeaderParam("X-Admin-Token") String token) {
        authorize(token);
        return new Status(readiness.isReady(), store.currentChangeSeq(), index.appliedSeq(), index.passageCount(),
                store.countByStatus(), embedder.passagesEmbedded(), embedder.questionsEmbedded(), index.rebuiltOnOpen(),
                index.sizeOnDiskBytes(),
                importer.lastReport());
    }

    private void authorize(String token) {
        adminToken.authorize(token);
    }
}
