package io.pqflux.tempo.query;

import java.time.Instant;
import java.util.Objects;

/**
 * A TraceQL search, as Tempo's {@code GET /api/search} takes it: the query, an optional time range (traces that
 * overlap it, in blocks that overlap it), how many traces at most and how many spans of each spanset to return.
 *
 * @param start           null: no lower bound
 * @param end             null: no upper bound
 * @param limit           traces at most; 0 for every matching trace
 * @param spansPerSpanSet spans returned per spanset (each spanset still tells how many matched)
 */
public record SearchRequest(String query, Instant start, Instant end, int limit, int spansPerSpanSet) {

    /** Tempo's default {@code limit}. */
    public static final int DEFAULT_LIMIT = 20;
    /** Tempo's default {@code spss}. */
    public static final int DEFAULT_SPANS_PER_SPAN_SET = 3;

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        if (limit < 0) throw new IllegalArgumentException("limit " + limit + " is negative");
        if (spansPerSpanSet < 0) throw new IllegalArgumentException("spans per spanset " + spansPerSpanSet + " is negative");
        if (start != null && end != null && start.isAfter(end)) {
            throw new IllegalArgumentException("start " + start + " is after end " + end);
        }
    }

    /** The query with Tempo's defaults: no time range, 20 traces, 3 spans per spanset. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, null, null, DEFAULT_LIMIT, DEFAULT_SPANS_PER_SPAN_SET);
    }

    public SearchRequest withTimeRange(Instant from, Instant to) {
        return new SearchRequest(query, from, to, limit, spansPerSpanSet);
    }

    public SearchRequest withLimit(int traces) {
        return new SearchRequest(query, start, end, traces, spansPerSpanSet);
    }

    public SearchRequest withSpansPerSpanSet(int spans) {
        return new SearchRequest(query, start, end, limit, spans);
    }
}
