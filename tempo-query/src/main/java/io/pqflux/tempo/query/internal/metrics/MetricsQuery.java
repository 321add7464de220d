package io.pqflux.tempo.query.internal.metrics;

import io.pqflux.tempo.TempoFormat;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.internal.Hint;
import io.pqflux.traceql.internal.Literal;
import io.pqflux.traceql.internal.MetricsExpr;
import io.pqflux.traceql.internal.MetricsOperation;
import io.pqflux.traceql.internal.MetricsPipeline;
import io.pqflux.traceql.internal.MetricsStage;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.internal.StaticValue;
import io.pqflux.traceql.internal.TraceQlParser;
import io.pqflux.traceql.internal.TraceQlValidator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TraceQL metrics query, parsed and checked once: one metrics pipeline ({@code {…} | rate()}), or arithmetic over
 * several and numbers ({@code ({ status = error } | rate()) / ({} | rate())}). It plans the steps of a request
 * ({@link TimeGrid}); each distinct metrics pipeline is one {@link PipelineMetrics}, read from every block
 * ({@link PartialMetrics}); the merged result becomes Tempo's answer: each pipeline's series and second stages, the
 * arithmetic between them ({@link SeriesArithmetic}), the second stages after it, exemplars attached.
 * docs/traceql.md § "Metrics semantics" lists the rules and where Tempo states them.
 */
public final class MetricsQuery {

    private final Query query;
    /** The distinct metrics pipelines, in the order they first occur (Tempo runs one per sub-query key). */
    private final Map<PipelineKey, PipelineMetrics> pipelines = new LinkedHashMap<>();

    /** What makes two metrics pipelines one: the same spanset pipeline and function (positions aside). */
    private record PipelineKey(Pipeline pipeline, MetricsStage function) {
    }

    private MetricsQuery(String text, Query query) {
        this.query = query;
        for (MetricsPipeline metrics : query.metricsPipelines()) {
            pipelines.computeIfAbsent(key(metrics), k -> new PipelineMetrics(text, k.pipeline(), k.function()));
        }
    }

    /** @throws TraceQlException for text that is not TraceQL, a query Tempo rejects, or a search query (not a metrics one) */
    public static MetricsQuery compile(String text) {
        Query query = TraceQlParser.parse(text);
        TraceQlValidator.validate(text, query);
        if (query.metrics() == null) {
            throw new TraceQlException(TraceQlException.Reason.VALIDATION_ERROR, text, 0,
                    "not a metrics query: query_range takes a spanset pipeline followed by a metrics function");
        }
        return new MetricsQuery(text, query);
    }

    private static PipelineKey key(MetricsPipeline metrics) {
        return new PipelineKey(metrics.pipeline(), metrics.function());
    }

    /**
     * The exemplar limit: the query's {@code with(exemplars=N)} hint over the request's (Tempo's frontend,
     * {@code normalizeRequestExemplars}: a number sets it, {@code false} turns exemplars off). The sampling hints
     * ({@code sample}, {@code span_sample}, {@code trace_sample}) are ignored: every span is counted.
     */
    public int exemplars(int requested) {
        int limit = requested;
        for (Hint hint : query.hints()) {
            if (!hint.key().equals("exemplars")) continue;
            if (hint.value() instanceof StaticValue.IntValue(long v)) {
                limit = Math.clamp(v, 0, Integer.MAX_VALUE);
            } else if (hint.value() instanceof StaticValue.BooleanValue(boolean on) && !on) {
                limit = 0;
            }
        }
        return limit;
    }

    /** The request's steps: Tempo's default step when none is given, aligned as Tempo aligns them. */
    public static TimeGrid grid(MetricsRequest request) {
        long start = nanos(request.start());
        long end = nanos(request.end());
        if (request.instant()) return TimeGrid.instant(start, end);
        long step = request.step() == null ? TimeGrid.defaultStep(start, end) : request.step().toNanos();
        return TimeGrid.range(start, end, step);
    }

    private static long nanos(java.time.Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** The distinct metrics pipelines, each read from every block; a partial result holds one accumulator each. */
    public List<PipelineMetrics> pipelines() {
        return List.copyOf(pipelines.values());
    }

    /**
     * Exemplars each pipeline's partial results take: Tempo's querier shares the limit out among a query's sub-queries,
     * at least one each when there are any ({@code CompileMetricsQueryRange}); its frontend then limits each one's
     * series to the whole limit again.
     */
    public int exemplarsPerPipeline(int exemplars) {
        return exemplars <= 0 ? 0 : Math.max(1, exemplars / pipelines.size());
    }

    /**
     * Fresh partial results, to merge blocks' into.
     *
     * @param format the format of the block whose spans they observe; null for ones that only merge others
     */
    public PartialMetrics partial(TimeGrid grid, int exemplars, TempoFormat format) {
        List<MetricsAccumulator> accumulators = new ArrayList<>();
        for (PipelineMetrics pipeline : pipelines.values()) {
            accumulators.add(pipeline.accumulator(grid, exemplarsPerPipeline(exemplars), format));
        }
        return new PartialMetrics(accumulators);
    }

    /** The merged partial results as Tempo's final answer. */
    public MetricsResponse finish(PartialMetrics merged, TimeGrid grid, int exemplars, SearchResponse.Metrics metrics) {
        int kept = grid.instant() ? 0 : exemplars;
        Map<PipelineKey, List<SeriesValues>> first = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<PipelineKey, PipelineMetrics> pipeline : pipelines.entrySet()) {
            first.put(pipeline.getKey(), pipeline.getValue().series(merged.accumulators().get(i++), grid, kept));
        }
        List<SeriesValues> series = SecondStages.apply(query.secondStages(), values(query.metrics(), first, grid),
                grid.intervals());
        List<MetricsResponse.Series> out = new ArrayList<>();
        for (SeriesValues s : series.stream().sorted(SeriesOrder.RESPONSE).toList()) {
            List<MetricsResponse.Sample> samples = new ArrayList<>();
            for (int step = 0; step < s.values().length; step++) {
                if (!Double.isNaN(s.values()[step])) samples.add(new MetricsResponse.Sample(grid.timestampMs(step), s.values()[step]));
            }
            if (samples.isEmpty()) continue;
            out.add(new MetricsResponse.Series(s.labels(), samples, attach(s, grid)));
        }
        return new MetricsResponse(out, grid.instant(), metrics);
    }

    /**
     * The series of a metrics expression: a pipeline's own series through its second stages, or arithmetic over the
     * operands' series. Recursive, as deep as the query nests ({@link io.pqflux.traceql.TraceQl#MAX_NESTING} at most).
     */
    private List<SeriesValues> values(MetricsExpr expr, Map<PipelineKey, List<SeriesValues>> first, TimeGrid grid) {
        return switch (expr) {
            case MetricsPipeline metrics -> SecondStages.apply(metrics.stages(), first.get(key(metrics)), grid.intervals());
            case MetricsOperation operation when operation.lhs() instanceof Literal number ->
                    SeriesArithmetic.withNumber(operation.op(), number(number), values(operation.rhs(), first, grid), true);
            case MetricsOperation operation when operation.rhs() instanceof Literal number ->
                    SeriesArithmetic.withNumber(operation.op(), number(number), values(operation.lhs(), first, grid), false);
            case MetricsOperation operation -> SeriesArithmetic.between(operation.op(),
                    values(operation.lhs(), first, grid), values(operation.rhs(), first, grid));
            case Literal ignored -> throw new IllegalStateException("a number alone is no metrics query");
        };
    }

    /** A number in metrics arithmetic as Tempo takes it, a float. */
    private static double number(Literal literal) {
        return switch (literal.value()) {
            case StaticValue.IntValue(long v) -> v;
            case StaticValue.FloatValue(double v) -> v;
            default -> throw new IllegalStateException("not a number in metrics arithmetic: " + literal.value());
        };
    }

    /**
     * Exemplars on a step with a value, oldest first, a placeholder value (NaN: counting functions) replaced by the
     * step's final value (Tempo's {@code ToProto} and the frontend's {@code attachExemplars}).
     */
    private static List<MetricsResponse.Exemplar> attach(SeriesValues series, TimeGrid grid) {
        List<MetricsResponse.Exemplar> out = new ArrayList<>();
        for (MetricsResponse.Exemplar e : series.exemplars()) {
            int step = grid.intervalOfMs(e.timestampMs());
            if (step < 0 || step >= series.values().length || Double.isNaN(series.values()[step])) continue;
            double value = Double.isNaN(e.value()) ? series.values()[step] : e.value();
            out.add(new MetricsResponse.Exemplar(e.labels(), value, e.timestampMs()));
        }
        out.sort(Comparator.comparingLong(MetricsResponse.Exemplar::timestampMs));
        return out;
    }
}
