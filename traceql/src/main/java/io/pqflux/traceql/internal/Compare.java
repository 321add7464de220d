package io.pqflux.traceql.internal;

import java.util.Objects;

/**
 * {@code compare({filter}[, topN[, start, end]])}: the attribute values of the filter's spans against the others'.
 * Tempo's defaults are {@code topN} 10 and no time window (0, 0); start and end are unix nanoseconds.
 */
public record Compare(SpansetFilter filter, long topN, long start, long end, SourceRange range) implements MetricsStage {

    /** {@code topN} when the query gives none. */
    public static final long DEFAULT_TOP_N = 10;
    /** The largest {@code topN} Tempo takes ({@code maxCompareTopN}, grafana/tempo#7467). */
    public static final long MAX_TOP_N = 1000;

    public Compare {
        Objects.requireNonNull(filter);
        Objects.requireNonNull(range);
    }
}
