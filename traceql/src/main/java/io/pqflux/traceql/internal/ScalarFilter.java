package io.pqflux.traceql.internal;

import java.util.Objects;

/**
 * {@code lhs op rhs} comparing scalars, e.g. {@code count() > 2}; {@code op} is a comparison. Tempo evaluates only an
 * aggregate compared with a literal; other shapes parse and are reported unsupported by the validator.
 */
public record ScalarFilter(BinaryOp op, ScalarExpr lhs, ScalarExpr rhs, SourceRange range) implements Stage {
    public ScalarFilter {
        Objects.requireNonNull(op);
        Objects.requireNonNull(lhs);
        Objects.requireNonNull(rhs);
        Objects.requireNonNull(range);
        if (!op.isComparison()) {
            throw new IllegalArgumentException(op + " is not a comparison");
        }
    }
}
