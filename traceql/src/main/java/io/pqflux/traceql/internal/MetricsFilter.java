package io.pqflux.traceql.internal;

import java.util.Objects;

/**
 * A comparison on the metric's values, e.g. {@code {} | rate() > 10}: points that fail it are dropped. The threshold
 * keeps the literal as written (int, float or duration, possibly negative); Tempo compares with it as a float, a
 * duration in seconds.
 */
public record MetricsFilter(BinaryOp op, StaticValue threshold, SourceRange range) implements SecondStage {
    public MetricsFilter {
        Objects.requireNonNull(op);
        Objects.requireNonNull(threshold);
        Objects.requireNonNull(range);
        if (!op.isComparison()) {
            throw new IllegalArgumentException(op + " is not a comparison");
        }
        if (!threshold.type().isNumeric()) {
            throw new IllegalArgumentException("a metrics threshold is a number or a duration: " + threshold);
        }
    }
}
