package io.pqflux.traceql.internal;

/** The metrics function after a spanset pipeline: {@code {…} | rate()}. */
public sealed interface MetricsStage extends Node permits MetricsAggregate, Compare {
}
