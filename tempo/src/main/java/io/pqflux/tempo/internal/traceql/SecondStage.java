package io.pqflux.tempo.internal.traceql;

/** What follows the metrics function, in order: {@code | topk(n)}, {@code | bottomk(n)}, {@code > 10}. */
public sealed interface SecondStage extends Node permits TopK, MetricsFilter {
}
