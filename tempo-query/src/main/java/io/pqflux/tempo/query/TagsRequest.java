package io.pqflux.tempo.query;

import java.time.Instant;
import java.util.Locale;

/**
 * Tempo's {@code GET /api/v2/search/tags} (and v1 {@code /api/search/tags}): the attribute names of a tenant's blocks
 * in a time range, of one scope or all, optionally only those on spans a TraceQL filter matches.
 *
 * @param scope null for every scope (v2 then adds the intrinsics)
 * @param query a TraceQL filter narrowing the names, or null; one Tempo cannot use (it does not parse, or is not a
 *              plain spanset filter with conditions) is ignored, as Tempo ignores it
 * @param start null: no lower bound (blocks whose meta overlaps the range are searched, every trace of them)
 * @param end   null: no upper bound
 * @param limit names at most per scope (the intrinsic scope is never cut); 0 for no limit
 */
public record TagsRequest(Scope scope, String query, Instant start, Instant end, int limit) {

    /** The scopes Tempo's {@code scope} parameter takes. */
    public enum Scope {
        RESOURCE, SPAN, EVENT, LINK, INSTRUMENTATION, INTRINSIC;

        /** The parameter's word, e.g. {@code resource}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @throws IllegalArgumentException naming the scopes there are, for any other word
         */
        public static Scope parse(String word) {
            for (Scope scope : values()) {
                if (scope.word().equals(word)) return scope;
            }
            throw new IllegalArgumentException("unknown scope '" + word
                    + "': one of resource, span, event, link, instrumentation, intrinsic");
        }
    }

    public TagsRequest {
        if (limit < 0) throw new IllegalArgumentException("limit " + limit + " is negative");
        if (start != null && end != null && start.isAfter(end)) {
            throw new IllegalArgumentException("start " + start + " is after end " + end);
        }
    }

    /** Every scope, no filter, no time range, no limit. */
    public static TagsRequest all() {
        return new TagsRequest(null, null, null, null, 0);
    }

    public TagsRequest withScope(Scope s) {
        return new TagsRequest(s, query, start, end, limit);
    }

    public TagsRequest withQuery(String q) {
        return new TagsRequest(scope, q, start, end, limit);
    }

    public TagsRequest withTimeRange(Instant from, Instant to) {
        return new TagsRequest(scope, query, from, to, limit);
    }

    public TagsRequest withLimit(int names) {
        return new TagsRequest(scope, query, start, end, names);
    }
}
