package io.pqflux.traceql.internal;

import java.util.Objects;

/** {@code lhs op rhs} in a field expression. */
public record BinaryExpr(BinaryOp op, FieldExpr lhs, FieldExpr rhs, SourceRange range) implements FieldExpr {
    public BinaryExpr {
        Objects.requireNonNull(op);
        Objects.requireNonNull(lhs);
        Objects.requireNonNull(rhs);
        Objects.requireNonNull(range);
    }
}
