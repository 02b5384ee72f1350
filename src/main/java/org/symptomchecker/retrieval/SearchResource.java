package org.symptomchecker.retrieval;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
    static final int DEFAULT_LIMIT = 10;

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

    /** The body of a search by POST: the query, and optionally how many results (1 to 50, default 10) and the mode. */
    public record SearchRequest(String q, Integer limit, String mode) {
    }

    /**
     * The same search with the query in the URL, where proxies and access logs keep a person's words: kept for
     * existing clients, deprecated for {@code POST /api/v1/search}.
     */
    @GET
    @Deprecated
    @Operation(summary = "Deprecated (the query travels in the URL, which proxies log): use POST /api/v1/search. "
            + "Ranked approved documents for a query (mode: hybrid, bm25 or vector)")
    public Results search(@QueryParam("q") String q, @QueryParam("limit") String limit, @QueryParam("mode") String mode) {
        if (q == null || q.isBlank()) {
            throw new ApiProblem("query parameter 'q' is required");
        }
        return run(q, parseLimit(limit), mode);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ranked approved documents for a query, sent in the body: {\"q\", \"limit\" (1 to 50, default 10), "
            + "\"mode\" (hybrid, bm25 or vector; default hybrid)}")
    public Results searchByPost(SearchRequest request) {
        if (request == null) {
            throw new ApiProblem("a JSON body is required: {\"q\": \"...\"}");
        }
        if (request.q() == null || request.q().isBlank()) {
            throw new ApiProblem("'q' is required and must not be empty");
        }
        return run(request.q(), checkLimit(request.limit()), request.mode());
    }

    private Results run(String q, int limit, String mode) {
        if (q.length() > maxQueryLength) {
            throw new ApiProblem(413, "Query too long", "'q' is limited to " + maxQueryLength + " characters");
        }
        SearchMode searchMode = SearchMode.parse(mode)
                .orElseThrow(() -> new ApiProblem("'mode' must be hybrid, bm25 or vector"));
        return new Results(retriever.search(q.strip(), limit, searchMode).stream()
                .map(p -> new Result(p.documentId(), p.passageId(), p.title(), p.url(), p.score(), p.text()))
                .toList());
    }

    private static int checkLimit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw badLimit();
        }
        return limit;
    }

    private static ApiProblem badLimit() {
        return new ApiProblem("'limit' must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badLimit();
    }
}
