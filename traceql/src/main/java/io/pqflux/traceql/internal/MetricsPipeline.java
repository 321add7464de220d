package io.pqflux.traceql.internal;

import java.util.List;
import java.util.Objects;

/**
 * One metrics query: a spanset pipeline, a metrics function and the second stages that follow it, in order, e.g.
 * {@code { status = error } | rate() by (name) | topk(5) > 1}. In arithmetic it stands in parentheses, its second
 * stages inside them.
 */
public record MetricsPipeline(Pipeline pipeline, MetricsStage function, List<SecondStage> stages, SourceRange range)
    implements MetricsExpr {

    public MetricsPipeline {
        Objects.requireNonNull(pipeline);
        Objects.requireNonNull(function);
        stages = List.copyOf(stages);
        Objects.requireNonNull(range);
    }
}
