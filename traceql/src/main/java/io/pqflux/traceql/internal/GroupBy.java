package io.pqflux.traceql.internal;

import java.util.Objects;

/** The pipeline stage {@code by(expr)}: splits spansets by the expression's value. */
public record GroupBy(FieldExpr expr, SourceRange range) implements Stage {
    public GroupBy {
        Objects.requireNonNull(expr);
        Objects.requireNonNull(range);
    }
}
