package io.pqflux.tempo.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A TraceQL metrics query, as Tempo's {@code GET /api/metrics/query_range} and {@code GET /api/metrics/query} take it:
 * the query, the range, the step (null: Tempo's default for the range) and how many exemplars at most. An instant
 * query computes one value over the whole range (its step is the range).
 *
 * @param step      null for Tempo's default ({@code DefaultQueryRangeStep}); ignored by an instant query
 * @param exemplars exemplars at most (0: none)
 */
public record MetricsRequest(String query, Instant start, Instant end, Duration step, boolean instant, int exemplars) {

    public MetricsRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) throw new IllegalArgumentException("end " + end + " must be after start " + start);
        if (step != null && (step.isNegative() || step.isZero())) {
            throw new IllegalArgumentException("step " + step + " must be positive");
        }
        if (exemplars < 0) throw new IllegalArgumentException("exemplars " + exemplars + " is negative");
    }

    /** A range query with Tempo's default step and no exemplars. */
    public static MetricsRequest range(String query, Instant start, Instant end) {
        return new MetricsRequest(query, start, end, null, false, 0);
    }

    /** An instant query: one value per series over {@code (start, end]}. */
    public static MetricsRequest instant(String query, Instant start, Instant end) {
        return new MetricsRequest(query, start, end, null, true, 0);
    }

    public MetricsRequest withStep(Duration newStep) {
        return new MetricsRequest(query, start, end, newStep, instant, exemplars);
    }

    public MetricsRequest withExemplars(int limit) {
        return new MetricsRequest(query, start, end, step, instant, limit);
    }
}
