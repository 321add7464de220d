package io.pqflux.traceql.internal;

/** A spanset: a filter, or spansets combined by a {@link SpansetOp}. */
public sealed interface SpansetExpr extends Stage permits SpansetFilter, SpansetOperation, SubPipeline {
}
