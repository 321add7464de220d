package io.pqflux.traceql.internal;

import java.util.Objects;

/**
 * Arithmetic over scalars, e.g. {@code count() + 1}; {@code op} is arithmetic. Never over two literals: the parser
 * folds those, as Tempo does.
 */
public record ScalarOperation(BinaryOp op, ScalarExpr lhs, ScalarExpr rhs, SourceRange range) implements ScalarExpr {
    public ScalarOperation {
        Objects.requireNonNull(op);
        Objects.requireNonNull(lhs);
        Objects.requireNonNull(rhs);
        Objects.requireNonNull(range);
        if (!op.isArithmetic()) {
            throw new IllegalArgumentException(op + " is not arithmetic");
        }
        if (lhs instanceof Literal && rhs instanceof Literal) {
            throw new IllegalArgumentException("arithmetic between literals is folded, not an operation");
        }
    }
}
