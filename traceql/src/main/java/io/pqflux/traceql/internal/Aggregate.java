package io.pqflux.traceql.internal;

import java.util.Objects;

/** {@code count()}, {@code avg(expr)}, {@code min(expr)}, {@code max(expr)}, {@code sum(expr)}. */
public record Aggregate(AggregateOp op, FieldExpr argument, SourceRange range) implements ScalarExpr {
    /** @param argument null for {@code count()} only */
    public Aggregate {
        Objects.requireNonNull(op);
        Objects.requireNonNull(range);
        if ((op == AggregateOp.COUNT) != (argument == null)) {
            throw new IllegalArgumentException(op.word() + (argument == null ? " needs" : " takes no") + " argument");
        }
    }
}
