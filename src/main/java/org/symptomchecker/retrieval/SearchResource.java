package org.symptomchecker.retrieval;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.symptomchecker.SymptomConfig;
import org.symptomchecker.api.ApiProblem;

import java.util.List;

/** Search over approved passages, for integrations and for retrieval evaluation. */
@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    static final int MAX_LIMIT = 50;

    private final HybridRetriever retriever;
    private final int maxQueryLength;

    public SearchResource(HybridRetriever retriever, SymptomConfig config) {
        this.retriever = retriever;
        this.maxQueryLength = config.chat().maxMessageLength();
    }

    /** One search result: the document as imported, its best passage and that passage's text. */
    public record Result(String documentId, String passageId, String title, String url, double score, String text) {
    }

    /** The ranked results, best first, one per document. */
    public record Results(List<Result> results) {
    }

    @GET
    @Operation(summary = "Ranked approved documents for a query (mode: hybrid, bm25 or vector)")
    public Results search(@QueryParam("q") String q, @QueryParam("limit") String limit, @QueryParam("mode") String mode) {
        if (q == null || q.isBlank()) {
            throw new ApiProblem("query parameter 'q' is required");
        }
        if (q.length() > maxQueryLength) {
            throw new ApiProblem(413, "Query too long", "'q' is limited to " + maxQueryLength + " characters");
        }
        int n = parseLimit(limit);
        SearchMode searchMode = SearchMode.parse(mode)
                .orElseThrow(() -> new ApiProblem("'mode' must be hybrid, bm25 or vector"));
        return new Results(retriever.search(q.strip(), n, searchMode).stream()
                .map(p -> new Result(p.documentId(), p.passageId(), p.title(), p.url(), p.score(), p.text()))
                .toList());
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 10;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiProblem("'limit' must be a whole number from 1 to " + MAX_LIMIT);
    }
}
