package io.pqflux.traceql.internal;

import java.util.Objects;

/** Arithmetic over scalars, e.g. {@code count() + 1}; {@code op} is arithmetic. */
public record ScalarOperation(BinaryOp op, ScalarExpr lhs, ScalarExpr rhs, SourceRange range) implements ScalarExpr {
    public ScalarOperation {
        Objects.requireNonNull(op);
        Objects.requireNonNull(lhs);
        Objects.requireNonNull(rhs);
        Objects.requireNonNull(range);
        if (!op.isArithmetic()) {
            throw new IllegalArgumentException(op + " is not arithmetic");
        }
    }
}
