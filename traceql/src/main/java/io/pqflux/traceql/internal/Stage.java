package io.pqflux.traceql.internal;

/** One stage of a {@link Pipeline}. */
public sealed interface Stage extends Node permits SpansetExpr, ScalarFilter, GroupBy, Coalesce, Select {
}
