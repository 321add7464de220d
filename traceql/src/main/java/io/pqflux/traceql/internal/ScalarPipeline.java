package io.pqflux.traceql.internal;

import java.util.Objects;

/** {@code (pipeline | aggregate)}: an operand of a top-level comparison such as {@code ({} | count()) > 2}. */
public record ScalarPipeline(Pipeline pipeline, Aggregate aggregate, SourceRange range) implements ScalarExpr {
    public ScalarPipeline {
        Objects.requireNonNull(pipeline);
        Objects.requireNonNull(aggregate);
        Objects.requireNonNull(range);
    }
}
