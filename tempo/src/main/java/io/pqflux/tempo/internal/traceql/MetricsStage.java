package io.pqflux.tempo.internal.traceql;

/** The metrics function after a spanset pipeline: {@code {…} | rate()}. */
public sealed interface MetricsStage extends Node permits MetricsAggregate, Compare {
}
