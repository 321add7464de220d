package io.pqflux.traceql.internal;

import java.util.Objects;

/** {@code lhs op rhs} over spansets. */
public record SpansetOperation(SpansetOp op, SpansetExpr lhs, SpansetExpr rhs, SourceRange range)
    implements SpansetExpr {
    public SpansetOperation {
        Objects.requireNonNull(op);
        Objects.requireNonNull(lhs);
        Objects.requireNonNull(rhs);
        Objects.requireNonNull(range);
    }

    /** Whether a parenthesised pipeline is among the operands, at any depth. */
    public boolean hasSubPipeline() {
        return isOrHasSubPipeline(lhs) || isOrHasSubPipeline(rhs);
    }

    private static boolean isOrHasSubPipeline(SpansetExpr expr) {
        return switch (expr) {
            case SubPipeline ignored -> true;
            case SpansetOperation operation -> operation.hasSubPipeline();
            case SpansetFilter ignored -> false;
        };
    }
}
