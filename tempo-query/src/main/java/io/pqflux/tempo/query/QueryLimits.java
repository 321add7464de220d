package io.pqflux.tempo.query;

import java.time.Duration;

/**
 * The most a query may ask of a {@link TempoQuerier}, as Tempo's query frontend limits its queries: a request over a
 * limit fails with {@link QueryLimitException} before any block is read, and a request that leaves a count open
 * ({@code limit} 0) gets at most the limit.
 *
 * @param maxIntervals       steps of a metrics range query (its range over its step); Tempo's frontend refuses more
 * @param maxTraces          traces of a search; a search with {@code limit} 0 returns at most this many
 * @param maxSpansPerSpanSet spans returned per spanset ({@code spss})
 * @param maxTagValues       values of a tag-values query; one with {@code limit} 0 returns at most this many
 */
public record QueryLimits(int maxIntervals, int maxTraces, int maxSpansPerSpanSet, int maxTagValues) {

    /** The default {@link #maxIntervals}: a day at 9-second steps. */
    public static final int DEFAULT_MAX_INTERVALS = 10_000;
    /** The default {@link #maxTraces}. */
    public static final int DEFAULT_MAX_TRACES = 10_000;
    /** The default {@link #maxSpansPerSpanSet}. */
    public static final int DEFAULT_MAX_SPANS_PER_SPAN_SET = 100;
    /** The default {@link #maxTagValues}. */
    public static final int DEFAULT_MAX_TAG_VALUES = 100_000;
    /** The defaults above. */
    public static final QueryLimits DEFAULTS = new QueryLimits(DEFAULT_MAX_INTERVALS, DEFAULT_MAX_TRACES,
            DEFAULT_MAX_SPANS_PER_SPAN_SET, DEFAULT_MAX_TAG_VALUES);

    /**
     * No limit at all: every matching trace for {@code limit} 0, any step. For batch jobs and benchmarks over data they
     * know, not for a server.
     */
    public static final QueryLimits NONE = new QueryLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE);

    public QueryLimits {
        positive("maxIntervals", maxIntervals);
        positive("maxTraces", maxTraces);
        positive("maxSpansPerSpanSet", maxSpansPerSpanSet);
        positive("maxTagValues", maxTagValues);
    }

    private static void positive(String name, int value) {
        if (value < 1) throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }

    public QueryLimits withMaxIntervals(int intervals) {
        return new QueryLimits(intervals, maxTraces, maxSpansPerSpanSet, maxTagValues);
    }

    public QueryLimits withMaxTraces(int traces) {
        return new QueryLimits(maxIntervals, traces, maxSpansPerSpanSet, maxTagValues);
    }

    public QueryLimits withMaxSpansPerSpanSet(int spans) {
        return new QueryLimits(maxIntervals, maxTraces, spans, maxTagValues);
    }

    public QueryLimits withMaxTagValues(int values) {
        return new QueryLimits(maxIntervals, maxTraces, maxSpansPerSpanSet, values);
    }

    /** The search as run: its limit (0: {@link #maxTraces}) and spans per spanset checked against these limits. */
    SearchRequest check(SearchRequest request) {
        int limit = request.limit() == 0 ? maxTraces : atMost("limit", request.limit(), maxTraces,
                "traces");
        atMost("spss", request.spansPerSpanSet(), maxSpansPerSpanSet, "spans per spanset");
        return request.withLimit(limit);
    }

    /** The tag-values query as run: its limit (0: {@link #maxTagValues}) checked against these limits. */
    TagValuesRequest check(TagValuesRequest request) {
        return request.withLimit(request.limit() == 0 ? maxTagValues
                : atMost("limit", request.limit(), maxTagValues, "tag values"));
    }

    /** Checks a metrics range query's number of intervals: {@code (end - start) / step}, rounded up. */
    void checkIntervals(long rangeNanos, long stepNanos) {
        long intervals = rangeNanos / stepNanos + (rangeNanos % stepNanos == 0 ? 0 : 1);
        if (intervals > maxIntervals) {
            throw new QueryLimitException("the step " + Duration.ofNanos(stepNanos) + " makes " + intervals
                + " intervals of the range; the limit is " + maxIntervals + ": use a larger step or a shorter range");
        }
    }

    private static int atMost(String parameter, int value, int max, String what) {
        if (value > max) {
            throw new QueryLimitException(parameter + " " + value + " is above the limit of " + max + " " + what);
        }
        return value;
    }
}
