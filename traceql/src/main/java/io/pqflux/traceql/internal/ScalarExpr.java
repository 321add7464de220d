package io.pqflux.traceql.internal;

/** A value per spanset: an aggregate, a literal, arithmetic over them, or a parenthesised pipeline ending in one. */
public sealed interface ScalarExpr extends Node permits Literal, Aggregate, ScalarOperation, ScalarPipeline {
}
