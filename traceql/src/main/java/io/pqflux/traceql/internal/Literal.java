package io.pqflux.traceql.internal;

import java.util.Objects;

/**
 * A literal: in field expressions, in scalar expressions and filters, and as a number in metrics arithmetic. In
 * scalar and metrics contexts it may be the folded value of constant arithmetic ({@code 1 - 3} is {@code -2}).
 */
public record Literal(StaticValue value, SourceRange range) implements FieldExpr, ScalarExpr, MetricsExpr {
    public Literal {
        Objects.requireNonNull(value);
        Objects.requireNonNull(range);
    }
}
