package io.pqflux.traceql.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A parsed TraceQL query: a search (a spanset pipeline) or a metrics query (one metrics pipeline, or arithmetic over
 * several and numbers), and the hints of the last {@code with(…)} (Tempo keeps only the last when there are several).
 *
 * @param pipeline the search's pipeline; null for a metrics query
 * @param metrics the metrics query; null for a search
 * @param secondStages the second stages after arithmetic, e.g. {@code ({} | rate()) * 2 | topk(5)}: empty unless
 *     {@code metrics} is a {@link MetricsOperation} (a lone {@link MetricsPipeline} holds its own)
 */
public record Query(
    Pipeline pipeline, MetricsExpr metrics, List<SecondStage> secondStages, List<Hint> hints, SourceRange range)
    implements Node {

    public Query {
        secondStages = List.copyOf(secondStages);
        hints = List.copyOf(hints);
        Objects.requireNonNull(range);
        if ((pipeline == null) == (metrics == null)) {
            throw new IllegalArgumentException("a query is a search pipeline or a metrics query");
        }
        if (metrics instanceof Literal) {
            throw new IllegalArgumentException("a number alone is not a metrics query");
        }
        if (!(metrics instanceof MetricsOperation) && !secondStages.isEmpty()) {
            throw new IllegalArgumentException("second stages of the query itself follow arithmetic only");
        }
    }

    /** A search. */
    public static Query search(Pipeline pipeline, List<Hint> hints, SourceRange range) {
        return new Query(Objects.requireNonNull(pipeline), null, List.of(), hints, range);
    }

    /** The metrics pipelines of a metrics query, left to right (each time it occurs); empty for a search. */
    public List<MetricsPipeline> metricsPipelines() {
        List<MetricsPipeline> out = new ArrayList<>();
        Deque<MetricsExpr> pending = new ArrayDeque<>();
        if (metrics != null) {
            pending.push(metrics);
        }
        while (!pending.isEmpty()) {
            switch (pending.pop()) {
                case MetricsPipeline leaf -> out.add(leaf);
                case MetricsOperation operation -> {
                    pending.push(operation.rhs());
                    pending.push(operation.lhs());
                }
                case Literal ignored -> {
                    // a number reads no spans
                }
            }
        }
        return out;
    }
}
