package io.pqflux.traceql.internal;

import java.util.Objects;

/** A literal: in field expressions, in scalar expressions and filters, and as the right side of a scalar filter. */
public record Literal(StaticValue value, SourceRange range) implements FieldExpr, ScalarExpr {
    public Literal {
        Objects.requireNonNull(value);
        Objects.requireNonNull(range);
    }
}
