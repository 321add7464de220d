package io.pqflux.traceql.internal;

import java.util.Objects;

/** A unary operation in a field expression; see {@link UnaryOp} for the nil comparisons. */
public record UnaryExpr(UnaryOp op, FieldExpr operand, SourceRange range) implements FieldExpr {
    public UnaryExpr {
        Objects.requireNonNull(op);
        Objects.requireNonNull(operand);
        Objects.requireNonNull(range);
    }
}
