package io.pqflux.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.pqflux.bench.tempo.SearchAnswer;
import io.pqflux.tempo.query.QueryJson;
import io.pqflux.tempo.query.QueryLimits;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.tempo.query.TempoQuerier;
import java.util.HashMap;
import java.util.Map;

/**
 * A TraceQL search's whole answer (every matching trace, {@value SearchAnswer#SPANS_PER_SPANSET} spans per spanset) from
 * the library ({@link TempoQuerier#searchResponse} and {@link QueryJson#search}), required to equal the naive
 * evaluator's before it is used; the server's answers to the same search are checked against it, with any limit.
 */
public final class ExpectedSearch {

    private final String query;
    /** Each matching trace as Tempo's search JSON writes it, by trace ID. */
    private final Map<String, JsonNode> traces;

    private ExpectedSearch(String query, Map<String, JsonNode> traces) {
        this.query = query;
        this.traces = traces;
    }

    /** The library's answer to {@code query}, checked against {@code naive}, the naive evaluator's. */
    public static ExpectedSearch of(TempoQuerier querier, String query, SearchAnswer naive) {
        SearchResponse response = querier.searchResponse(request(query)).block();
        SearchAnswer.check("the library", query, SearchAnswer.ofEngine(response.traces()), naive);
        if (response.traces().size() >= QueryLimits.DEFAULT_MAX_TRACES) {
            throw new IllegalArgumentException(query + " matches " + response.traces().size()
                    + " traces: a server answers limit 0 with at most " + QueryLimits.DEFAULT_MAX_TRACES);
        }
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode trace : AnswerJson.parse(QueryJson.search(response)).path("traces")) {
            byId.put(trace.path("traceID").asText(), trace);
        }
        return new ExpectedSearch(query, Map.copyOf(byId));
    }

    /** The request whose whole answer this is: every trace ({@code limit} 0), no time range. */
    public static SearchRequest request(String query) {
        return new SearchRequest(query, null, null, 0, SearchAnswer.SPANS_PER_SPANSET);
    }

    public String query() {
        return query;
    }

    public int traceCount() {
        return traces.size();
    }

    /**
     * Null when {@code body}, an answer of {@code /api/search} to this query with {@code limit} (0: every trace), is
     * right: as many traces as the limit allows, most recent first, each one of the matching traces and written as in
     * the whole answer (which traces a limited search finds first is not fixed); else what is wrong.
     */
    public String problem(JsonNode body, int limit) {
        JsonNode found = body.path("traces");
        int wanted = limit == 0 ? traces.size() : Math.min(limit, traces.size());
        if (!found.isArray() || found.size() != wanted) {
            return query + " (limit " + limit + "): " + (found.isArray() ? found.size() : "no") + " traces, expected " + wanted;
        }
        long previousStart = Long.MAX_VALUE;
        for (JsonNode trace : found) {
            String id = trace.path("traceID").asText();
            JsonNode expected = traces.get(id);
            if (expected == null) return query + ": trace " + id + " does not match the query";
            if (!expected.equals(trace)) return query + ": trace " + id + " differs from the library's answer";
            long start = Long.parseUnsignedLong(trace.path("startTimeUnixNano").asText("0"));
            if (start > previousStart) return query + ": trace " + id + " is not in most-recent-first order";
            previousStart = start;
        }
        return null;
    }
}
