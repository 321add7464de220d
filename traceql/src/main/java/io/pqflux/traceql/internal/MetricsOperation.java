package io.pqflux.traceql.internal;

import java.util.Objects;

/**
 * {@code lhs op rhs} over the series of metrics queries, {@code op} one of {@code + - * /}: between two metrics
 * expressions, the series matched by their labels; between one and a number, that number applied to every value. Two
 * numbers are never its operands (the parser folds them), and a number is an int or a float (Tempo refuses durations
 * there).
 */
public record MetricsOperation(BinaryOp op, MetricsExpr lhs, MetricsExpr rhs, SourceRange range) implements MetricsExpr {

    public MetricsOperation {
        Objects.requireNonNull(op);
        Objects.requireNonNull(lhs);
        Objects.requireNonNull(rhs);
        Objects.requireNonNull(range);
        if (!op.isElementaryArithmetic()) {
            throw new IllegalArgumentException(op + " is not arithmetic between metrics queries");
        }
        if (lhs instanceof Literal && rhs instanceof Literal) {
            throw new IllegalArgumentException("arithmetic of two numbers is folded, not a metrics operation");
        }
        for (MetricsExpr side : new MetricsExpr[] {lhs, rhs}) {
            if (side instanceof Literal literal && literal.value().type() != StaticType.INT
                && literal.value().type() != StaticType.FLOAT) {
                throw new IllegalArgumentException("a number in metrics arithmetic is an int or a float: " + literal);
            }
        }
    }
}
