package io.pqflux.tempo.query.internal.metrics;

import java.util.List;

/**
 * A metrics query's partial result over some blocks: one accumulator per distinct metrics pipeline
 * ({@link MetricsQuery}), in the query's order. Merging adds another's accumulators one to one.
 */
public record PartialMetrics(List<MetricsAccumulator> accumulators) {

    public PartialMetrics {
        accumulators = List.copyOf(accumulators);
    }

    /** Adds another partial result of the same query and grid to this one; returns this. */
    public PartialMetrics merge(PartialMetrics other) {
        for (int i = 0; i < accumulators.size(); i++) accumulators.get(i).merge(other.accumulators.get(i));
        return this;
    }
}
