package io.pqflux.traceql.internal;

import java.util.Objects;

/** {@code { expr }}; {@code {}} is {@code { true }}, as in Tempo. */
public record SpansetFilter(FieldExpr expr, SourceRange range) implements SpansetExpr {
    public SpansetFilter {
        Objects.requireNonNull(expr);
        Objects.requireNonNull(range);
    }
}
