package io.pqflux.tempo.query.oracle;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.Trace;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.AttributeScope;
import io.pqflux.traceql.internal.Compare;
import io.pqflux.traceql.internal.SourceRange;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.Intrinsic;
import io.pqflux.traceql.internal.IntrinsicField;
import io.pqflux.traceql.internal.MetricsAggregate;
import io.pqflux.traceql.internal.MetricsFilter;
import io.pqflux.traceql.internal.Literal;
import io.pqflux.traceql.internal.MetricsExpr;
import io.pqflux.traceql.internal.MetricsFunction;
import io.pqflux.traceql.internal.MetricsOperation;
import io.pqflux.traceql.internal.MetricsPipeline;
import io.pqflux.traceql.internal.MetricsStage;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.internal.SecondStage;
import io.pqflux.traceql.internal.StaticValue;
import io.pqflux.traceql.internal.TopK;
import io.pqflux.traceql.internal.TraceQlParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * A test-scope oracle for TraceQL metrics, independent of the engine's metrics code: the spans {@link NaiveTraceQl}
 * matches, put in steps and series by hand, each function computed the plain way from the rules docs/traceql.md
 * § "Metrics semantics" states (Tempo's), e.g. a quantile from the power-of-two bucket counts by walking the counts.
 * The answer is a map from the series' label text to its samples (timestamp ms → value); NaN values are absent.
 */
public final class NaiveMetrics {

    private NaiveMetrics() {
    }

    /** The steps: their ends (ns) and the range that counts, {@code (from, to]}. */
    record Steps(long from, long to, long width, int count, boolean instant) {
        static Steps range(long start, long end, long step) {
            long from = Math.floorDiv(start, step) * step;
            long to = Math.floorDiv(end + step - 1, step) * step;
            if (from > step) from -= step; // one more step in front
            return new Steps(from, to, step, (int) ((to - from) / step), false);
        }

        static Steps instant(long start, long end) {
            return new Steps(start, end, end - start, 1, true);
        }

        /** The step holding a start time; -1 outside. */
        int of(long t) {
            if (t <= from || t > to) return -1;
            return instant ? 0 : (int) ((t - from - 1) / width);
        }

        long stampMs(int i) {
            return Math.floorDiv(instant ? to : from + (i + 1) * width, 1_000_000L);
        }
    }

    /**
     * The spans each metrics pipeline's spanset pipeline yields, by pipeline (one naive evaluation for several
     * requests).
     *
     * @throws NaiveTraceQl.EvaluationException where a pipeline fails on a trace
     */
    static Map<Pipeline, List<NaiveTraceQl.ObservedSpan>> observedSpans(Query query, List<TraceView> views) {
        Map<Pipeline, List<NaiveTraceQl.ObservedSpan>> out = new LinkedHashMap<>();
        for (MetricsPipeline metrics : query.metricsPipelines()) {
            if (!out.containsKey(metrics.pipeline())) {
                out.put(metrics.pipeline(), NaiveTraceQl.observedSpans(metrics.pipeline(), views));
            }
        }
        return out;
    }

    /**
     * The query's answer from the spans its pipelines yield ({@link #observedSpans}).
     *
     * @param childCount whether the spans' block stores {@code span:childCount} (vParquet5), which compare() groups
     */
    static Map<String, TreeMap<Long, Double>> runOn(String text, Map<Pipeline, List<NaiveTraceQl.ObservedSpan>> observed,
                                                    Steps steps, boolean childCount) {
        Query query = TraceQlParser.parse(text);
        Map<MetricsPipeline, Tally> tallies = tallies(query, steps, childCount);
        tallies.forEach((metrics, tally) -> tally.add(observed.get(metrics.pipeline())));
        return answer(query, tallies, steps);
    }

    /**
     * A query range answered naively on traces that arrive in batches (each evaluated and bucketed, then dropped): the
     * benchmarks' oracle over a whole block. Steps as Tempo aligns {@code [start, end]} by {@code step} (nanoseconds).
     */
    public static Map<String, TreeMap<Long, Double>> queryRange(String text, Iterable<List<Trace>> batches, long start,
                                                                long end, long step, boolean childCount) {
        Query query = TraceQlParser.parse(text);
        Steps steps = Steps.range(start, end, step);
        Map<MetricsPipeline, Tally> tallies = tallies(query, steps, childCount);
        for (List<Trace> batch : batches) {
            Map<Pipeline, List<NaiveTraceQl.ObservedSpan>> observed = observedSpans(query, NaiveTraceQl.views(batch));
            tallies.forEach((metrics, tally) -> tally.add(observed.get(metrics.pipeline())));
        }
        return answer(query, tallies, steps);
    }

    /** A tally for each metrics pipeline of the query, each occurrence its own. */
    private static Map<MetricsPipeline, Tally> tallies(Query query, Steps steps, boolean childCount) {
        Map<MetricsPipeline, Tally> out = new IdentityHashMap<>();
        for (MetricsPipeline metrics : query.metricsPipelines()) out.put(metrics, new Tally(metrics.function(), steps, childCount));
        return out;
    }

    /** The query's series, its second stages applied, as label text → samples. */
    private static Map<String, TreeMap<Long, Double>> answer(Query query, Map<MetricsPipeline, Tally> tallies, Steps steps) {
        List<Series> series = stages(query.secondStages(), series(query.metrics(), tallies, steps), steps);
        Map<String, TreeMap<Long, Double>> out = new TreeMap<>();
        for (Series s : series) {
            TreeMap<Long, Double> samples = new TreeMap<>();
            for (int i = 0; i < s.values.length; i++) {
                if (!Double.isNaN(s.values[i])) samples.put(steps.stampMs(i), s.values[i]);
            }
            if (!samples.isEmpty()) out.put(text(s.labels), samples);
        }
        return out;
    }

    /** A metrics expression's series: a pipeline's through its second stages, or arithmetic over the operands'. */
    private static List<Series> series(MetricsExpr expr, Map<MetricsPipeline, Tally> tallies, Steps steps) {
        return switch (expr) {
            case MetricsPipeline metrics -> stages(metrics.stages(), tallies.get(metrics).series(), steps);
            case MetricsOperation op when op.lhs() instanceof Literal number ->
                    SeriesMath.withNumber(op.op(), number(number), series(op.rhs(), tallies, steps), true);
            case MetricsOperation op when op.rhs() instanceof Literal number ->
                    SeriesMath.withNumber(op.op(), number(number), series(op.lhs(), tallies, steps), false);
            case MetricsOperation op -> SeriesMath.between(op.op(), series(op.lhs(), tallies, steps),
                    series(op.rhs(), tallies, steps));
            case Literal ignored -> throw new IllegalStateException("a number is no metrics query");
        };
    }

    private static double number(Literal literal) {
        return switch (literal.value()) {
            case StaticValue.IntValue(long v) -> v;
            case StaticValue.FloatValue(double v) -> v;
            default -> throw new IllegalStateException("not a number: " + literal.value());
        };
    }

    private static List<Series> stages(List<SecondStage> stages, List<Series> series, Steps steps) {
        for (SecondStage stage : stages) {
            series = switch (stage) {
                case TopK t -> topK(t, series, steps.count());
                case MetricsFilter f -> filter(f, series);
            };
        }
        return series;
    }

    /**
     * What compare() counts per span, kept while the span's view lives: every request of every compare() query over
     * a block counts the same pairs (without and with {@code span:childCount}).
     */
    private static final Map<TraceView.SpanView, List<String[]>> COMPARED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<TraceView.SpanView, List<String[]>> COMPARED_V5 = Collections.synchronizedMap(new WeakHashMap<>());

    /** A metrics function's spans, bucketed as they come; then its series (before second stages). */
    private static final class Tally {
        private final MetricsStage function;
        private final Steps steps;
        private final boolean childCount;
        /** A function's groups: by() values → (step, number, bucket) of each span. */
        private final Map<List<Value>, List<double[]>> groups = new LinkedHashMap<>();
        /** compare()'s counts: meta type → attribute → value text → counts per step. */
        private final Map<String, Map<String, Map<String, long[]>>> compared = new TreeMap<>();

        Tally(MetricsStage function, Steps steps, boolean childCount) {
            this.function = function;
            this.steps = steps;
            this.childCount = childCount;
        }

        void add(List<NaiveTraceQl.ObservedSpan> observed) {
            if (function instanceof Compare compare) {
                for (NaiveTraceQl.ObservedSpan o : observed) compare(compare, o);
                return;
            }
            MetricsAggregate agg = (MetricsAggregate) function;
            MetricsFunction fn = agg.function();
            boolean bucketed = fn == MetricsFunction.HISTOGRAM_OVER_TIME || fn == MetricsFunction.QUANTILE_OVER_TIME;
            for (NaiveTraceQl.ObservedSpan o : observed) {
                Span span = o.span().span;
                int step = steps.of(span.getStartTimeUnixNano());
                if (step < 0) continue;
                double number = Double.NaN;
                double bucket = Double.NaN;
                if (bucketed) {
                    bucket = bucket(agg.field(), o);
                    if (Double.isNaN(bucket)) continue;
                } else if (agg.field() != null) {
                    number = number(agg.field(), o);
                    if (fn == MetricsFunction.AVG_OVER_TIME && Double.isNaN(number)) continue;
                }
                List<Value> key = new ArrayList<>();
                for (FieldRef by : agg.by()) key.add(o.field(by));
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {step, number, bucket});
            }
        }

        /**
         * compare(), from its description (docs/traceql.md § "compare()"): the side by the filter (and window), then
         * one count per attribute value the span has, and one per attribute in the side's totals.
         */
        private void compare(Compare compare, NaiveTraceQl.ObservedSpan o) {
            Span span = o.span().span;
            int step = steps.of(span.getStartTimeUnixNano());
            if (step < 0) return;
            long start = span.getStartTimeUnixNano();
            boolean inWindow = compare.start() == 0 && compare.end() == 0
                    || start > compare.start() && start <= compare.end();
            boolean selected = false;
            if (inWindow) {
                try {
                    selected = o.field(compare.filter().expr()) instanceof Value.Bool b && b.value();
                } catch (NaiveTraceQl.EvaluationException e) {
                    selected = false;
                }
            }
            String side = selected ? "selection" : "baseline";
            for (String[] nameAndText : (childCount ? COMPARED_V5 : COMPARED).computeIfAbsent(o.span(),
                    ignored -> comparedValues(o, childCount))) {
                count(side, nameAndText[0], nameAndText[1], step);
                count(side + "_total", nameAndText[0], "STRING_VALUE:nil", step);
            }
        }

        /** The (name, value text) pairs compare() counts for a span: what it has, whatever the query. */
        private static List<String[]> comparedValues(NaiveTraceQl.ObservedSpan o, boolean childCount) {
            Span span = o.span().span;
            Map<String, Value> attributes = new LinkedHashMap<>();
            for (Intrinsic i : List.of(Intrinsic.ROOT_NAME, Intrinsic.ROOT_SERVICE)) attributes.put(name(i), o.field(intrinsic(i)));
            resourceAttributes(o.span().resource.getAttributesList(), attributes);
            for (Intrinsic i : List.of(Intrinsic.INSTRUMENTATION_NAME, Intrinsic.INSTRUMENTATION_VERSION)) {
                attributes.put(name(i), o.field(intrinsic(i)));
            }
            putAttributes("instrumentation.", o.span().scope.getAttributesList(), attributes);
            for (Intrinsic i : List.of(Intrinsic.NAME, Intrinsic.STATUS, Intrinsic.STATUS_MESSAGE, Intrinsic.KIND)) {
                attributes.put(name(i), o.field(intrinsic(i)));
            }
            if (childCount) attributes.put("span:childCount", o.field(intrinsic(Intrinsic.CHILD_COUNT)));
            putAttributes("span.", span.getAttributesList(), attributes);
            List<String[]> out = new ArrayList<>();
            attributes.forEach((name, value) -> {
                if (value.type() == Value.Type.NIL) return;
                String text = switch (value) {
                    case Value.IntArr ignored -> "STRING_VALUE:nil";
                    case Value.FltArr ignored -> "STRING_VALUE:nil";
                    case Value.StrArr ignored -> "STRING_VALUE:nil";
                    case Value.BoolArr ignored -> "STRING_VALUE:nil";
                    default -> valueText(NaiveTraceQl.anyValue(value));
                };
                out.add(new String[] {name, text});
            });
            return out;
        }

        private void count(String metaType, String name, String value, int step) {
            compared.computeIfAbsent(metaType, k -> new TreeMap<>()).computeIfAbsent(name, k -> new TreeMap<>())
                    .computeIfAbsent(value, k -> new long[steps.count()])[step]++;
        }

        private static IntrinsicField intrinsic(Intrinsic i) {
            return new IntrinsicField(i, SourceRange.NONE);
        }

        private static String name(Intrinsic i) {
            return NaiveTraceQl.tempoString(intrinsic(i));
        }

        /** The resource's attributes (the first of a repeated name), with service.name "" when it has none. */
        private static void resourceAttributes(List<KeyValue> list, Map<String, Value> into) {
            putAttributes("resource.", list, into);
            into.putIfAbsent(NaiveTraceQl.tempoString(new AttributeField(AttributeScope.RESOURCE, false, "service.name",
                    SourceRange.NONE)), new Value.Str(""));
        }

        private static void putAttributes(String prefix, List<KeyValue> list, Map<String, Value> into) {
            AttributeScope scope = switch (prefix) {
                case "resource." -> AttributeScope.RESOURCE;
                case "instrumentation." -> AttributeScope.INSTRUMENTATION;
                default -> AttributeScope.SPAN;
            };
            for (KeyValue kv : list) {
                into.putIfAbsent(NaiveTraceQl.tempoString(new AttributeField(scope, false, kv.getKey(), SourceRange.NONE)),
                        NaiveTraceQl.fromAnyValue(kv.getValue()));
            }
        }

        /** The function's series; a series without a value is left out (it never leaves Tempo's querier). */
        List<Series> series() {
            List<Series> series = function instanceof Compare compare ? comparedSeries(compare) : functionSeries();
            series.removeIf(s -> java.util.Arrays.stream(s.values).allMatch(Double::isNaN));
            return series;
        }

        /** Per side and attribute its topN values by their count over all steps (ties: value text), and the totals. */
        private List<Series> comparedSeries(Compare compare) {
            List<Series> out = new ArrayList<>();
            compared.forEach((metaType, byName) -> byName.forEach((name, values) -> {
                List<Map.Entry<String, long[]>> ordered = new ArrayList<>(values.entrySet());
                ordered.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -java.util.Arrays.stream(e.getValue()).sum())
                        .thenComparing(Map.Entry::getKey));
                long limit = metaType.endsWith("_total") ? Long.MAX_VALUE : compare.topN();
                for (Map.Entry<String, long[]> e : ordered.subList(0, (int) Math.min(limit, ordered.size()))) {
                    double[] v = new double[steps.count()];
                    for (int i = 0; i < v.length; i++) v[i] = e.getValue()[i];
                    out.add(new Series(List.of(new String[] {"__meta_type", "STRING_VALUE:" + metaType},
                            new String[] {name, e.getKey()}), v));
                }
            }));
            return out;
        }

        private List<Series> functionSeries() {
            MetricsAggregate agg = (MetricsAggregate) function;
            MetricsFunction fn = agg.function();
            List<Series> series = new ArrayList<>();
            for (Map.Entry<List<Value>, List<double[]>> g : groups.entrySet()) {
                List<String[]> labels = labels(agg, g.getKey());
                List<double[]> obs = g.getValue();
                List<List<double[]>> byStep = new ArrayList<>();
                for (int i = 0; i < steps.count(); i++) byStep.add(new ArrayList<>());
                for (double[] x : obs) byStep.get((int) x[0]).add(x);
                switch (fn) {
                    case HISTOGRAM_OVER_TIME -> {
                        for (double b : new java.util.TreeSet<>(obs.stream().map(x -> x[2]).toList())) {
                            double[] v = new double[steps.count()];
                            for (double[] x : obs) if (x[2] == b) v[(int) x[0]]++;
                            series.add(new Series(withOwn(labels, "__bucket", "DOUBLE_VALUE:" + b, agg), v));
                        }
                    }
                    case QUANTILE_OVER_TIME -> {
                        for (double q : agg.quantiles()) {
                            double[] v = new double[steps.count()];
                            for (int i = 0; i < v.length; i++) {
                                TreeMap<Double, Integer> counts = new TreeMap<>();
                                for (double[] x : byStep.get(i)) counts.merge(x[2], 1, Integer::sum);
                                v[i] = counts.isEmpty() ? 0 : quantile(q, counts);
                            }
                            series.add(new Series(withOwn(labels, "p", "DOUBLE_VALUE:" + q, agg), v));
                        }
                    }
                    default -> {
                        double[] v = new double[steps.count()];
                        for (int i = 0; i < v.length; i++) {
                            List<Double> here = new ArrayList<>();
                            int count = 0;
                            for (double[] x : byStep.get(i)) {
                                count++;
                                if (!Double.isNaN(x[1])) here.add(x[1]);
                            }
                            v[i] = switch (fn) {
                                case COUNT_OVER_TIME -> count;
                                case RATE -> count / (steps.width() / 1e9);
                                case MIN_OVER_TIME -> here.stream().mapToDouble(d -> d).min().orElse(Double.NaN);
                                case MAX_OVER_TIME -> here.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
                                case SUM_OVER_TIME -> here.isEmpty() ? Double.NaN : exactSum(here);
                                case AVG_OVER_TIME -> here.isEmpty() ? Double.NaN : exactSum(here) / here.size();
                                default -> throw new IllegalStateException();
                            };
                        }
                        series.add(new Series(labels.isEmpty() ? nameOnly(agg) : labels, v));
                    }
                }
            }
            return series;
        }
    }

    /** The engine's answer in the oracle's form: series by label text, samples by timestamp. */
    public static Map<String, TreeMap<Long, Double>> answer(MetricsResponse response) {
        Map<String, TreeMap<Long, Double>> out = new TreeMap<>();
        for (MetricsResponse.Series s : response.series()) {
            List<String[]> labels = new ArrayList<>();
            for (KeyValue kv : s.labels()) labels.add(new String[] {kv.getKey(), valueText(kv.getValue())});
            TreeMap<Long, Double> samples = new TreeMap<>();
            for (MetricsResponse.Sample sample : s.samples()) samples.put(sample.timestampMs(), sample.value());
            if (out.put(text(labels), samples) != null) throw new IllegalStateException("series labels repeat: " + labels);
        }
        return out;
    }

    /** Null when the answers agree; else what differs. */
    public static String difference(Map<String, TreeMap<Long, Double>> engine, Map<String, TreeMap<Long, Double>> oracle) {
        if (!engine.keySet().equals(oracle.keySet())) {
            return "series differ\n--- engine: " + engine.keySet() + "\n--- oracle: " + oracle.keySet();
        }
        for (String key : engine.keySet()) {
            TreeMap<Long, Double> e = engine.get(key), o = oracle.get(key);
            if (!e.keySet().equals(o.keySet())) return key + " steps differ\n--- engine: " + e + "\n--- oracle: " + o;
            for (Long t : e.keySet()) {
                double a = e.get(t), b = o.get(t);
                if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))) {
                    return key + " at " + t + ": engine " + a + ", oracle " + b;
                }
            }
        }
        return null;
    }

    /** The exact sum of doubles, rounded once (values up to 1e19 that cancel make plain sums differ). */
    private static double exactSum(List<Double> values) {
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (double v : values) {
            if (Double.isInfinite(v)) return values.stream().mapToDouble(d -> d).sum();
            sum = sum.add(new java.math.BigDecimal(v));
        }
        return sum.doubleValue();
    }

    record Series(List<String[]> labels, double[] values) {
    }

    static String text(List<String[]> labels) {
        StringBuilder b = new StringBuilder("{");
        for (String[] l : labels) b.append(l[0]).append('=').append(l[1]).append(';');
        return b.append('}').toString();
    }

    /** The label text of a value: the AnyValue's case and its text. */
    static String valueText(AnyValue v) {
        return v.getValueCase().name() + ":" + switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            default -> v.toString();
        };
    }

    /** The non-nil by() values, named as Tempo names the fields. */
    private static List<String[]> labels(MetricsAggregate agg, List<Value> values) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).type() == Value.Type.NIL) continue;
            out.add(new String[] {NaiveTraceQl.tempoString(agg.by().get(i)), valueText(NaiveTraceQl.anyValue(values.get(i)))});
        }
        return out;
    }

    private static List<String[]> withOwn(List<String[]> labels, String name, String value, MetricsAggregate agg) {
        List<String[]> out = new ArrayList<>(labels);
        out.add(new String[] {name, value});
        return out;
    }

    /** No label at all: the function's name, or when by() was given (all nil), the first by field as "nil". */
    private static List<String[]> nameOnly(MetricsAggregate agg) {
        if (agg.by().isEmpty()) return List.<String[]>of(new String[] {"__name__", "STRING_VALUE:" + agg.function().word()});
        return List.<String[]>of(new String[] {NaiveTraceQl.tempoString(agg.by().getFirst()), "STRING_VALUE:nil"});
    }

    private static boolean isDuration(FieldRef f) {
        return f instanceof IntrinsicField i && i.intrinsic() == Intrinsic.DURATION;
    }

    private static double number(FieldRef f, NaiveTraceQl.ObservedSpan o) {
        Span span = o.span().span;
        if (isDuration(f)) return (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e9;
        return switch (o.field(f)) {
            case Value.Int i -> i.value();
            case Value.Flt x -> x.value();
            case Value.Dur d -> d.nanos();
            default -> Double.NaN;
        };
    }

    private static double bucket(FieldRef f, NaiveTraceQl.ObservedSpan o) {
        Span span = o.span().span;
        if (isDuration(f)) {
            long d = span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
            return d < 2 ? Double.NaN : powerOfTwoAtLeast(d) / 1e9;
        }
        return switch (o.field(f)) {
            case Value.Int i -> i.value() < 2 ? Double.NaN : powerOfTwoAtLeast(i.value());
            case Value.Dur d -> d.nanos() < 2 ? Double.NaN : powerOfTwoAtLeast(d.nanos()) / 1e9;
            default -> Double.NaN;
        };
    }

    private static double powerOfTwoAtLeast(long v) {
        double p = 1;
        while (p < v) p *= 2;
        return p;
    }

    /** Walk the bucket counts to the ceil(q·n)-th value (at least the first); interpolate geometrically inside. */
    static double quantile(double q, TreeMap<Double, Integer> counts) {
        int n = counts.values().stream().mapToInt(Integer::intValue).sum();
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long before = 0;
        Double previous = null;
        for (Map.Entry<Double, Integer> b : counts.entrySet()) {
            long after = before + b.getValue();
            if (after == rank) return b.getKey();
            if (after > rank) {
                double lower = previous == null ? b.getKey() / 2 : previous;
                double share = (double) (rank - before) / b.getValue();
                return lower * Math.pow(b.getKey() / lower, share);
            }
            before = after;
            previous = b.getKey();
        }
        throw new IllegalStateException("rank " + rank + " past " + n);
    }

    private static List<Series> topK(TopK t, List<Series> in, int steps) {
        if (in.size() <= t.limit()) return in;
        Map<Series, double[]> kept = new LinkedHashMap<>();
        Map<Series, String> tieTexts = new IdentityHashMap<>();
        for (Series s : in) tieTexts.put(s, tieText(s.labels));
        for (int i = 0; i < steps; i++) {
            final int at = i;
            List<Series> here = new ArrayList<>(in.stream().filter(s -> !Double.isNaN(s.values[at])).toList());
            Comparator<Series> tie = Comparator.comparing(tieTexts::get);
            Comparator<Series> order = t.bottom()
                ? Comparator.<Series>comparingDouble(s -> s.values[at]).thenComparing(tie.reversed())
                : Comparator.<Series>comparingDouble(s -> -s.values[at]).thenComparing(tie);
            here.sort(order);
            for (Series s : here.subList(0, (int) Math.min(t.limit(), here.size()))) {
                kept.computeIfAbsent(s, k -> {
                    double[] v = new double[k.values.length];
                    java.util.Arrays.fill(v, Double.NaN);
                    return v;
                })[at] = s.values[at];
            }
        }
        List<Series> out = new ArrayList<>();
        kept.forEach((s, v) -> out.add(new Series(s.labels, v)));
        return out;
    }

    /** Ties: label values, then names, label by label (Tempo breaks ties by its series keys). */
    private static String tieText(List<String[]> labels) {
        StringBuilder b = new StringBuilder();
        for (String[] l : labels) b.append(l[1]).append('\u0000').append(l[0]).append('\u0001');
        return b.toString();
    }

    private static List<Series> filter(MetricsFilter f, List<Series> in) {
        double threshold = switch (f.threshold()) {
            case StaticValue.IntValue(long v) -> v;
            case StaticValue.FloatValue(double v) -> v;
            case StaticValue.DurationValue(long nanos) -> nanos / 1e9;
            default -> throw new IllegalStateException();
        };
        List<Series> out = new ArrayList<>();
        for (Series s : in) {
            double[] v = s.values.clone();
            boolean any = false;
            for (int i = 0; i < v.length; i++) {
                boolean pass = !Double.isNaN(v[i]) && switch (f.op()) {
                    case GT -> v[i] > threshold;
                    case GTE -> v[i] >= threshold;
                    case LT -> v[i] < threshold;
                    case LTE -> v[i] <= threshold;
                    case EQ -> v[i] == threshold;
                    case NEQ -> v[i] != threshold;
                    default -> false;
                };
                if (pass) any = true;
                else v[i] = Double.NaN;
            }
            if (any) out.add(new Series(s.labels, v));
        }
        return out;
    }
}
