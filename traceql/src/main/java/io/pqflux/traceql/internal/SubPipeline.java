package io.pqflux.traceql.internal;

import java.util.Objects;

/**
 * A parenthesised pipeline as an operand of a {@link SpansetOperation}, e.g. {@code ({ .a } | count() > 1) && ({ .b })}.
 * Tempo allows these only in a query that is nothing but such an operation, and the pipeline is never a lone spanset
 * expression (that is the expression itself).
 */
public record SubPipeline(Pipeline pipeline, SourceRange range) implements SpansetExpr {
    public SubPipeline {
        Objects.requireNonNull(pipeline);
        Objects.requireNonNull(range);
    }
}
