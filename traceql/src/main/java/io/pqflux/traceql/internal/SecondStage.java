package io.pqflux.traceql.internal;

/** What follows the metrics function, in order: {@code | topk(n)}, {@code | bottomk(n)}, {@code > 10}. */
public sealed interface SecondStage extends Node permits TopK, MetricsFilter {
}
