package io.pqflux.tempo.query.internal.metrics;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.filter.Predicate;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.TempoFormat;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.AttributeOwner;
import io.pqflux.tempo.internal.assembly.EvaluationFields;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.query.internal.search.ColumnSpans;
import io.pqflux.tempo.query.internal.search.MatchedSpans;
import io.pqflux.tempo.query.internal.search.TraceQlSearch;
import io.pqflux.traceql.internal.Compare;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.Intrinsic;
import io.pqflux.traceql.internal.IntrinsicField;
import io.pqflux.traceql.internal.MetricsAggregate;
import io.pqflux.traceql.internal.MetricsFunction;
import io.pqflux.traceql.internal.MetricsStage;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.SourceRange;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One metrics pipeline of a metrics query, a spanset pipeline and its metrics function ({@code {…} | rate() by (…)},
 * {@code compare(…)}), planned once: what a block reads for it and how it prunes, an accumulator of its partial results
 * ({@link MetricsAccumulator}, merged exactly across blocks), and the merged result as Tempo's series: the function's
 * values, its labels and exemplars, before any second stage. docs/traceql.md § "Metrics semantics" lists the rules and
 * where Tempo states them.
 */
public final class PipelineMetrics {

    private static final String BUCKET_LABEL = "__bucket";
    private static final String NAME_LABEL = "__name__";
    private static final String QUANTILE_LABEL = "p";

    private final String text;
    private final Pipeline pipeline;
    private final MetricsStage function;
    /** The function, or null for {@code compare()}. */
    private final MetricsAggregate aggregate;

    /**
     * The fields the function reads of a span (its {@code by()} and aggregated fields; for {@code compare()} its
     * filter's and the intrinsics it groups) when the query's spans can be read from columns, without assembling
     * traces ({@link ColumnSpans#answers}); null when they cannot.
     */
    private final List<FieldRef> columnFields;

    /** @param text the query's text, for the errors its evaluation reports */
    PipelineMetrics(String text, Pipeline pipeline, MetricsStage function) {
        this.text = text;
        this.pipeline = pipeline;
        this.function = function;
        this.aggregate = function instanceof MetricsAggregate a ? a : null;
        List<FieldRef> read = aggregate == null ? comparedFields((Compare) function) : spanFields();
        this.columnFields = ColumnSpans.answers(pipeline, read) ? read : null;
    }

    /** What {@code compare()} reads of a span besides its attributes: its filter's fields and the intrinsics it groups. */
    private static List<FieldRef> comparedFields(Compare compare) {
        List<FieldRef> fields = new ArrayList<>(TraceQlSearch.fieldRefs(compare.filter().expr()));
        for (Intrinsic grouped : List.of(Intrinsic.NAME, Intrinsic.STATUS, Intrinsic.STATUS_MESSAGE, Intrinsic.KIND)) {
            fields.add(new IntrinsicField(grouped, SourceRange.NONE));
        }
        return List.copyOf(fields);
    }

    /** What the function reads of a span: its {@code by()} fields and the aggregated one. */
    private List<FieldRef> spanFields() {
        List<FieldRef> fields = new ArrayList<>(aggregate.by());
        if (aggregate.field() != null) fields.add(aggregate.field());
        return List.copyOf(fields);
    }

    /**
     * What a block reads of a trace for this metrics pipeline: what evaluating its spanset pipeline reads, the {@code by()} fields, the
     * aggregated field, each span's start, and its ID when there are exemplars. For {@code compare()}: what its
     * pipeline and its filter read, each span's start (and ID for exemplars), and what it groups
     * ({@link io.pqflux.tempo.query.internal.search.ObservedSpan#forEachComparedAttribute}): every attribute of spans, resources and scopes, the span
     * leaves of {@code name}, {@code status}, {@code statusMessage}, {@code kind}, the scopes' names and versions, and
     * on {@code format} vParquet5 what numbers {@code span:childCount}; no event, link, ID or duration it does not read
     * (Tempo's "select all" skips the same, but for durations: docs/traceql.md § "compare()").
     */
    public EvaluationFields fields(int exemplars, TempoFormat format) {
        Set<String> spanLeaves = exemplars > 0 ? Set.of("StartTimeUnixNano", "SpanID") : Set.of("StartTimeUnixNano");
        if (aggregate != null) return TraceQlSearch.evaluationFields(pipeline, spanFields(), spanLeaves);
        List<FieldRef> read = new ArrayList<>(comparedFields((Compare) function));
        if (format == TempoFormat.VPARQUET5) read.add(new IntrinsicField(Intrinsic.CHILD_COUNT, SourceRange.NONE));
        EvaluationFields fields = TraceQlSearch.evaluationFields(pipeline, read, spanLeaves);
        // every name of the grouped owners; the others' (events, links) as the pipeline and filter name them
        Set<AttributeOwner> owners = EnumSet.of(AttributeOwner.SPAN, AttributeOwner.RESOURCE, AttributeOwner.SCOPE);
        Map<AttributeOwner, Set<String>> names = new EnumMap<>(AttributeOwner.class);
        for (AttributeOwner owner : fields.owners()) {
            if (owners.add(owner)) names.put(owner, fields.attributes().of(owner));
        }
        return new EvaluationFields(new AttributeKeys(owners, names), fields.spanLeaves(), fields.events(),
                fields.links(), true);
    }

    /** What a trace must hold for the spanset pipeline to yield a span, over {@code mapper}'s file (null: none). */
    Predicate pruning(TraceMapper mapper, MessageSchema schema) {
        return TraceQlSearch.pruning(pipeline, mapper, schema);
    }

    /**
     * A fresh accumulator for one block's traces (one at a time).
     *
     * @param format the format of the block whose spans it observes ({@code compare()} groups {@code span:childCount}
     *     where the block stores it, vParquet5, as Tempo's does); null for one that only merges others
     */
    public MetricsAccumulator accumulator(TimeGrid grid, int exemplars, TempoFormat format) {
        MatchedSpans matcher = new MatchedSpans(text, pipeline);
        if (function instanceof Compare compare) {
            // vParquet5's span:childCount is numbered over the assembled trace
            boolean childCount = format == TempoFormat.VPARQUET5;
            return new CompareAccumulator(matcher, compare, grid, exemplars, childCount, childCount ? null : columnFields);
        }
        return new FunctionAccumulator(matcher, aggregate, grid, exemplars, columnFields);
    }

    /**
     * The merged partial result as the series Tempo's frontend holds before second stages: the function's values,
     * labels and exemplars (limited to {@code exemplars} as the frontend limits them); a series without a value never
     * leaves a querier ({@code ToProto}), so it is left out.
     */
    List<SeriesValues> series(MetricsAccumulator merged, TimeGrid grid, int exemplars) {
        return (merged instanceof CompareAccumulator compare ? compared(compare, grid, exemplars)
                : firstStage((FunctionAccumulator) merged, grid, exemplars)).stream()
                .filter(s -> java.util.Arrays.stream(s.values()).anyMatch(v -> !Double.isNaN(v))).toList();
    }

    // ---- the function's values -------------------------------------------------------------------------------

    /** compare()'s series, exemplars limited as the frontend's (one limiter over every series). */
    private static List<SeriesValues> compared(CompareAccumulator merged, TimeGrid grid, int exemplars) {
        List<SeriesValues> series = new ArrayList<>(merged.series());
        limitExemplars(series, grid, exemplars, false);
        return series;
    }

    private List<SeriesValues> firstStage(FunctionAccumulator merged, TimeGrid grid, int exemplars) {
        MetricsFunction function = aggregate.function();
        List<SeriesCells> all = new ArrayList<>(merged.series().values());
        return switch (function) {
            case HISTOGRAM_OVER_TIME -> histograms(all, grid, exemplars);
            case QUANTILE_OVER_TIME -> quantiles(all, grid, exemplars);
            default -> {
                List<SeriesValues> out = new ArrayList<>();
                for (SeriesCells cells : all) {
                    double[] values = new double[grid.intervals()];
                    for (int i = 0; i < values.length; i++) values[i] = value(function, cells, i, grid);
                    out.add(new SeriesValues(labels(cells, null, null), values, candidates(cells.exemplars, Double.NaN)));
                }
                limitExemplars(out, grid, exemplars, function == MetricsFunction.AVG_OVER_TIME);
                yield out;
            }
        };
    }

    private static double value(MetricsFunction function, SeriesCells cells, int i, TimeGrid grid) {
        return switch (function) {
            case COUNT_OVER_TIME -> cells.counts[i];
            case RATE -> cells.counts[i] / grid.stepSeconds();
            case MIN_OVER_TIME, MAX_OVER_TIME -> cells.values[i];
            case SUM_OVER_TIME -> cells.sum(i);
            case AVG_OVER_TIME -> cells.counts[i] == 0 ? Double.NaN : cells.sum(i) / cells.counts[i];
            default -> throw new IllegalStateException(function.word());
        };
    }

    /** One series per bucket, labelled {@code __bucket}, counting the spans of each step (0 included). */
    private List<SeriesValues> histograms(List<SeriesCells> all, TimeGrid grid, int exemplars) {
        List<SeriesValues> out = new ArrayList<>();
        for (SeriesCells cells : all) {
            for (Map.Entry<Double, long[]> bucket : cells.buckets.entrySet()) {
                double[] values = new double[grid.intervals()];
                for (int i = 0; i < values.length; i++) values[i] = bucket.getValue()[i];
                AnyValue bound = AnyValue.newBuilder().setDoubleValue(bucket.getKey()).build();
                out.add(new SeriesValues(labels(cells, BUCKET_LABEL, bound), values,
                        candidates(cells.exemplars, bucket.getKey())));
            }
        }
        limitExemplars(out, grid, exemplars, false);
        return out;
    }

    /**
     * One series per quantile, labelled {@code p}: each step's quantile of its buckets (0 at a step without spans);
     * an exemplar goes to the quantile whose value over every series and step is nearest to its own.
     */
    private List<SeriesValues> quantiles(List<SeriesCells> all, TimeGrid grid, int exemplars) {
        java.util.TreeMap<Double, Long> overall = new java.util.TreeMap<>();
        for (SeriesCells cells : all) {
            for (Map.Entry<Double, long[]> b : cells.buckets.entrySet()) {
                long sum = 0;
                for (long c : b.getValue()) sum += c;
                if (sum > 0) overall.merge(b.getKey(), sum, Long::sum);
            }
        }
        List<Double> qs = aggregate.quantiles();
        double[] overallValues = new double[qs.size()];
        for (int q = 0; q < qs.size(); q++) overallValues[q] = quantile(qs.get(q), overall);
        List<SeriesValues> out = new ArrayList<>();
        for (SeriesCells cells : all) {
            List<MetricsResponse.Exemplar> candidates = candidates(cells.exemplars, Double.NaN);
            List<MetricsResponse.Exemplar> kept = new ArrayList<>();
            ExemplarBuckets limiter = new ExemplarBuckets(exemplars, grid);
            for (MetricsResponse.Exemplar e : candidates) if (exemplars > 0 && limiter.admit(e.timestampMs())) kept.add(e);
            for (int q = 0; q < qs.size(); q++) {
                double[] values = new double[grid.intervals()];
                for (int i = 0; i < values.length; i++) {
                    java.util.TreeMap<Double, Long> step = new java.util.TreeMap<>();
                    for (Map.Entry<Double, long[]> b : cells.buckets.entrySet()) {
                        if (b.getValue()[i] > 0) step.put(b.getKey(), b.getValue()[i]);
                    }
                    values[i] = step.isEmpty() ? 0.0 : quantile(qs.get(q), step);
                }
                List<MetricsResponse.Exemplar> mine = new ArrayList<>();
                for (MetricsResponse.Exemplar e : kept) if (nearest(e.value(), overallValues) == q) mine.add(e);
                AnyValue p = AnyValue.newBuilder().setDoubleValue(qs.get(q)).build();
                out.add(new SeriesValues(labels(cells, QUANTILE_LABEL, p), values, mine));
            }
        }
        return out;
    }

    private static double quantile(double p, java.util.TreeMap<Double, Long> buckets) {
        double[] bounds = new double[buckets.size()];
        long[] counts = new long[buckets.size()];
        int i = 0;
        for (Map.Entry<Double, Long> b : buckets.entrySet()) {
            bounds[i] = b.getKey();
            counts[i++] = b.getValue();
        }
        return Quantiles.log2Quantile(p, bounds, counts);
    }

    /** The index of the value nearest to {@code v} (the first on a tie); -1 when there are none. */
    private static int nearest(double v, double[] values) {
        int best = -1;
        double bestDiff = Double.POSITIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            double diff = Math.abs(v - values[i]);
            if (diff < bestDiff) {
                bestDiff = diff;
                best = i;
            }
        }
        return best;
    }

    // ---- labels and exemplars ----------------------------------------------------------------------------------

    /**
     * Tempo's series labels ({@code labelsFor}): the non-nil {@code by()} values in order, then the function's own
     * label ({@code __bucket}, {@code p}) if any; a series with no {@code by()} is {@code {__name__="<function>"}}
     * unless it has its own label; one whose {@code by()} values are all nil keeps the first as the string "nil".
     */
    private List<KeyValue> labels(SeriesCells cells, String ownName, AnyValue ownValue) {
        List<FieldRef> by = aggregate.by();
        List<KeyValue> labels = new ArrayList<>();
        for (int i = 0; i < by.size(); i++) {
            if (cells.labels[i] != null) labels.add(label(MatchedSpans.labelName(by.get(i)), cells.labels[i].value()));
        }
        if (ownName != null) labels.add(label(ownName, ownValue));
        if (labels.isEmpty()) {
            labels.add(by.isEmpty() ? label(NAME_LABEL, AnyValue.newBuilder().setStringValue(aggregate.function().word()).build())
                    : label(MatchedSpans.labelName(by.getFirst()), AnyValue.newBuilder().setStringValue("nil").build()));
        }
        return labels;
    }

    static KeyValue label(String name, AnyValue value) {
        return KeyValue.newBuilder().setKey(name).setValue(value).build();
    }

    /** The series' exemplar candidates (of one bucket when {@code bucket} is a number) in the order found. */
    private static List<MetricsResponse.Exemplar> candidates(List<SeriesCells.Candidate> found, double bucket) {
        List<MetricsResponse.Exemplar> out = new ArrayList<>();
        for (SeriesCells.Candidate c : found) {
            if (!Double.isNaN(bucket) && c.bucket() != bucket) continue;
            out.add(new MetricsResponse.Exemplar(List.of(
                    label("trace:id", AnyValue.newBuilder().setStringValue(c.traceId()).build()),
                    label("span:id", AnyValue.newBuilder().setStringValue(c.spanId()).build())),
                    c.value(), c.timestampMs()));
        }
        return out;
    }

    /**
     * Tempo's frontend limit on exemplars: one {@link ExemplarBuckets} over all series ({@code SimpleAggregator}), or
     * one per series ({@code avg_over_time}'s aggregator); series taken in the response's order.
     */
    private static void limitExemplars(List<SeriesValues> series, TimeGrid grid, int exemplars, boolean perSeries) {
        series.sort(SeriesOrder.RESPONSE);
        ExemplarBuckets shared = new ExemplarBuckets(exemplars, grid);
        for (int s = 0; s < series.size(); s++) {
            ExemplarBuckets limiter = perSeries ? new ExemplarBuckets(exemplars, grid) : shared;
            List<MetricsResponse.Exemplar> kept = new ArrayList<>();
            for (MetricsResponse.Exemplar e : series.get(s).exemplars()) {
                if (exemplars > 0 && limiter.admit(e.timestampMs())) kept.add(e);
            }
            series.set(s, new SeriesValues(series.get(s).labels(), series.get(s).values(), kept));
        }
    }

}
