package io.pqflux.traceql.internal;

import java.util.List;
import java.util.Objects;

/**
 * A parsed TraceQL query: a spanset pipeline, optionally followed by a metrics function and its second stage, and
 * the hints of the last {@code with(…)} (Tempo keeps only the last when there are several).
 *
 * @param metrics null for a search query
 * @param secondStages empty unless {@code metrics} is set
 */
public record Query(
    Pipeline pipeline, MetricsStage metrics, List<SecondStage> secondStages, List<Hint> hints, SourceRange range)
    implements Node {

    public Query {
        Objects.requireNonNull(pipeline);
        secondStages = List.copyOf(secondStages);
        hints = List.copyOf(hints);
        Objects.requireNonNull(range);
        if (metrics == null && !secondStages.isEmpty()) {
            throw new IllegalArgumentException("a second stage needs a metrics function");
        }
    }
}
