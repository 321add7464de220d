package io.pqflux.tempo.query;

import java.time.Instant;
import java.util.Objects;

/**
 * Tempo's {@code GET /api/v2/search/tag/{tag}/values} (and v1 {@code /api/search/tag/{tag}/values}): the distinct
 * values of one attribute or intrinsic in a tenant's blocks, optionally only on spans a TraceQL filter matches.
 *
 * @param tag   a TraceQL identifier: {@code span.http.method}, {@code resource.service.name}, {@code .foo},
 *              {@code name}, {@code status}, {@code rootServiceName}, …
 * @param query a TraceQL filter narrowing the values, or null; one that does not parse is ignored, as Tempo ignores it
 * @param start null: no lower bound (blocks whose meta overlaps the range are searched, every trace of them)
 * @param end   null: no upper bound
 * @param limit values at most; 0 for no limit
 */
public record TagValuesRequest(String tag, String query, Instant start, Instant end, int limit) {

    public TagValuesRequest {
        Objects.requireNonNull(tag, "tag");
        if (limit < 0) throw new IllegalArgumentException("limit " + limit + " is negative");
        if (start != null && end != null && start.isAfter(end)) {
            throw new IllegalArgumentException("start " + start + " is after end " + end);
        }
    }

    /** The tag's values: no filter, no time range, no limit. */
    public static TagValuesRequest of(String tag) {
        return new TagValuesRequest(tag, null, null, null, 0);
    }

    public TagValuesRequest withQuery(String q) {
        return new TagValuesRequest(tag, q, start, end, limit);
    }

    public TagValuesRequest withTimeRange(Instant from, Instant to) {
        return new TagValuesRequest(tag, query, from, to, limit);
    }

    public TagValuesRequest withLimit(int values) {
        return new TagValuesRequest(tag, query, start, end, values);
    }
}
