package io.pqflux.tempo.query.internal.metrics;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.query.internal.search.ComparedGroup;
import io.pqflux.tempo.query.internal.search.MatchedSpans;
import io.pqflux.tempo.query.internal.search.ObservedSpan;
import io.pqflux.traceql.internal.Compare;
import io.pqflux.traceql.internal.FieldRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * {@code compare({filter}[, topN[, start, end]])}'s partial result: each counted span goes to the selection (the
 * filter is true on it, and it started inside {@code (start, end]} when a window is given) or to the baseline (every
 * other span), and adds one, at its step, to every attribute value it carries ({@link
 * ObservedSpan#forEachComparedAttribute}) and to that attribute's total. Counts are kept whole, so merged
 * blocks give exact counts and the top values are picked from them once, at the end (Tempo picks each job's top
 * values, then the top of those). docs/traceql.md § "compare()" gives the rules and where Tempo states them.
 */
final class CompareAccumulator extends MetricsAccumulator {

    private static final String META_TYPE = "__meta_type";
    private static final AnyValue NIL_LABEL = AnyValue.newBuilder().setStringValue("nil").build();
    /** Ties between values of one count: by the value's type, then its text, so answers repeat. */
    private static final Comparator<Ranked> TOP = Comparator.comparingLong(Ranked::sum).reversed()
            .thenComparing(Ranked::type).thenComparing(Ranked::text);

    private final Compare compare;
    private final boolean childCount;
    private final Side baseline = new Side("baseline");
    private final Side selection = new Side("selection");
    /** The side the last observed span went to. */
    private Side current;
    /** The spans of the current trace, resource and scope not counted yet, counted together when their owner changes. */
    private final OwnerTally[] owners = {new OwnerTally(ComparedGroup.TRACE), new OwnerTally(ComparedGroup.RESOURCE),
            new OwnerTally(ComparedGroup.SCOPE)};

    /** One side's counts by attribute label, and its exemplars. */
    private static final class Side {
        final String metaType;
        final Map<String, AttributeCounts> attributes = new HashMap<>();
        final List<Candidate> exemplars = new ArrayList<>();

        Side(String metaType) {
            this.metaType = metaType;
        }
    }

    /** One attribute's counts per step: by value, and its total over all values (one lookup per span for both). */
    private record AttributeCounts(Map<Object, ValueCounts> values, long[] totals) {
        AttributeCounts(int intervals) {
            this(new HashMap<>(), new long[intervals]);
        }
    }

    /**
     * A value's counts per step: the count of one step until the value is seen at a second, then an array.
     * Attributes of high cardinality (IDs, random numbers) have most of their values at one step, and an array of
     * every step for each was most of what a query allocated and what merging blocks' counts walked.
     */
    private static final class ValueCounts {
        /** The one step counted while {@code counts} is null; -1 before the first. */
        private int step = -1;
        private long count;
        private long[] counts;

        void add(int interval, long n, int intervals) {
            if (counts == null) {
                if (step < 0 || step == interval) {
                    step = interval;
                    count += n;
                    return;
                }
                counts = new long[intervals];
                counts[step] = count;
            }
            counts[interval] += n;
        }

        void add(ValueCounts other, int intervals) {
            if (other.counts == null) {
                if (other.step >= 0) add(other.step, other.count, intervals);
                return;
            }
            if (counts == null) {
                long[] mine = other.counts.clone();
                if (step >= 0) mine[step] += count;
                counts = mine;
                return;
            }
            CompareAccumulator.add(counts, other.counts);
        }

        long sum() {
            if (counts == null) return count;
            long sum = 0;
            for (long c : counts) sum += c;
            return sum;
        }

        double[] doubles(int intervals) {
            if (counts != null) return CompareAccumulator.doubles(counts);
            double[] out = new double[intervals];
            if (step >= 0) out[step] = count;
            return out;
        }
    }

    /** A value's counts with their sum over all steps and the texts it ties by, made once for the ranking. */
    private record Ranked(ValueCounts values, AnyValue label, long sum, String type, String text) {
        static Ranked of(Object key, ValueCounts values, long sum) {
            AnyValue label = MatchedSpans.comparedLabel(key);
            return new Ranked(values, label, sum, label.getValueCase().name(), labelText(label));
        }
    }

    /** An exemplar and the attributes its span carries: it goes to each of their totals. */
    private record Candidate(String traceId, String spanId, long timestampMs, Set<String> attributes) {
    }

    /**
     * @param childCount   whether the block stores {@code span:childCount} (vParquet5), which is then compared too
     * @param columnFields the fields the filter reads and the span intrinsics compared, when the query's spans can be
     *                     read from columns ({@link ObservedSpan}); null when they cannot
     */
    CompareAccumulator(MatchedSpans matcher, Compare compare, TimeGrid grid, int exemplarLimit, boolean childCount,
                       List<FieldRef> columnFields) {
        super(matcher, grid, exemplarLimit, columnFields, true);
        this.compare = compare;
        this.childCount = childCount;
    }

    @Override
    boolean observe(ObservedSpan span) {
        int interval = grid.interval(span.startTimeUnixNano());
        if (interval < 0) return false;
        Side side = isSelection(span) ? selection : baseline;
        current = side;
        for (OwnerTally owner : owners) owner.observe(span, side, interval);
        span.forEachComparedAttribute(ComparedGroup.SPAN, childCount, (name, key) -> count(side, name, key, interval, 1));
        return true;
    }

    @Override
    void spansEnded() {
        for (OwnerTally owner : owners) owner.flush();
    }

    /**
     * The spans of one owner of a group (a trace, a resource, a scope) counted so far, by side and step, with the
     * attributes of the group, walked once for the owner: spans of one owner come one after another, and each of their
     * attributes is counted once per step with the owner's span count, not once per span. Exact: counts add.
     */
    private final class OwnerTally {
        private final ComparedGroup group;
        private int owner = ObservedSpan.NO_OWNER;
        private final List<String> names = new ArrayList<>();
        private final List<Object> keys = new ArrayList<>();
        /** The steps the owner's spans started in (one or two for most owners), each with its spans on each side. */
        private int[] steps = new int[4];
        private long[] baselineSpans = new long[4];
        private long[] selectionSpans = new long[4];
        private int stepCount;

        OwnerTally(ComparedGroup group) {
            this.group = group;
        }

        void observe(ObservedSpan span, Side side, int interval) {
            int of = span.owner(group);
            if (of == ObservedSpan.NO_OWNER) {
                span.forEachComparedAttribute(group, childCount, (name, key) -> count(side, name, key, interval, 1));
                return;
            }
            if (of != owner) {
                flush();
                owner = of;
                span.forEachComparedAttribute(group, childCount, (name, key) -> {
                    names.add(name);
                    keys.add(key);
                });
            }
            int i = 0;
            while (i < stepCount && steps[i] != interval) i++;
            if (i == stepCount) {
                if (stepCount == steps.length) {
                    steps = Arrays.copyOf(steps, 2 * stepCount);
                    baselineSpans = Arrays.copyOf(baselineSpans, 2 * stepCount);
                    selectionSpans = Arrays.copyOf(selectionSpans, 2 * stepCount);
                }
                steps[i] = interval;
                baselineSpans[i] = 0;
                selectionSpans[i] = 0;
                stepCount++;
            }
            if (side == selection) selectionSpans[i]++;
            else baselineSpans[i]++;
        }

        /** Counts the owner's spans; the next span walks its owner's attributes again. */
        void flush() {
            for (int i = 0; i < stepCount; i++) {
                countOwner(baseline, steps[i], baselineSpans[i]);
                countOwner(selection, steps[i], selectionSpans[i]);
            }
            stepCount = 0;
            owner = ObservedSpan.NO_OWNER;
            names.clear();
            keys.clear();
        }

        private void countOwner(Side side, int step, long spans) {
            if (spans == 0) return;
            for (int a = 0; a < names.size(); a++) count(side, names.get(a), keys.get(a), step, spans);
        }
    }

    /** {@code spans} more spans with {@code key} for attribute {@code name} at step {@code interval} (no lambda per lookup). */
    private void count(Side side, String name, Object key, int interval, long spans) {
        AttributeCounts attribute = side.attributes.get(name);
        if (attribute == null) {
            attribute = new AttributeCounts(grid.intervals());
            side.attributes.put(name, attribute);
        }
        ValueCounts values = attribute.values().get(key);
        if (values == null) {
            values = new ValueCounts();
            attribute.values().put(key, values);
        }
        values.add(interval, spans, grid.intervals());
        attribute.totals()[interval] += spans;
    }

    private boolean isSelection(ObservedSpan span) {
        boolean window = compare.start() != 0 || compare.end() != 0;
        long start = span.startTimeUnixNano();
        if (window && (Long.compareUnsigned(start, compare.start()) <= 0 || Long.compareUnsigned(start, compare.end()) > 0)) {
            return false;
        }
        return span.isTrue(compare.filter().expr());
    }

    /** Tempo stops taking exemplars once either side has the limit's number. */
    @Override
    void offerExemplar(ObservedSpan span) {
        if (baseline.exemplars.size() >= exemplarLimit || selection.exemplars.size() >= exemplarLimit
                || exemplarTraces.contains(span.traceIdHex())) {
            return;
        }
        Set<String> attributes = new HashSet<>();
        span.forEachComparedAttribute(childCount, (name, key) -> attributes.add(name));
        exemplarTraces.add(span.traceIdHex());
        current.exemplars.add(new Candidate(span.traceIdHex(), span.spanIdHex(),
                Math.floorDiv(span.startTimeUnixNano(), 1_000_000L), attributes));
    }

    @Override
    void mergeCounts(MetricsAccumulator other) {
        CompareAccumulator that = (CompareAccumulator) other;
        spansEnded();
        that.spansEnded();
        merge(baseline, that.baseline);
        merge(selection, that.selection);
    }

    private void merge(Side into, Side from) {
        int intervals = grid.intervals();
        from.attributes.forEach((name, counts) -> {
            AttributeCounts mine = into.attributes.putIfAbsent(name, counts);
            if (mine == null) return;
            counts.values().forEach((key, values) -> {
                ValueCounts had = mine.values().putIfAbsent(key, values);
                if (had != null) had.add(values, intervals);
            });
            add(mine.totals(), counts.totals());
        });
        into.exemplars.addAll(from.exemplars);
    }

    private static void add(long[] into, long[] from) {
        for (int i = 0; i < into.length; i++) into[i] += from[i];
    }

    /**
     * The series: per side and attribute, the {@code topN} values by their count over all steps, labelled
     * {@code {__meta_type="baseline"|"selection", <attribute>=<value>}}, and the attribute's total over all its values,
     * labelled {@code {__meta_type="baseline_total"|"selection_total", <attribute>="nil"}}, which carries the side's
     * exemplars of spans with that attribute. Every step has a value (0 without spans).
     */
    List<SeriesValues> series() {
        spansEnded();
        List<SeriesValues> out = new ArrayList<>();
        for (Side side : List.of(baseline, selection)) {
            side.attributes.forEach((name, counts) -> top(counts.values()).forEach(r -> out.add(new SeriesValues(
                    labels(side.metaType, name, r.label()), r.values().doubles(grid.intervals()), List.of()))));
            side.attributes.forEach((name, attribute) -> {
                long[] counts = attribute.totals();
                List<MetricsResponse.Exemplar> exemplars = new ArrayList<>();
                for (Candidate c : side.exemplars) {
                    if (!c.attributes().contains(name)) continue;
                    exemplars.add(new MetricsResponse.Exemplar(List.of(
                            PipelineMetrics.label("trace:id", string(c.traceId())),
                            PipelineMetrics.label("span:id", string(c.spanId()))), Double.NaN, c.timestampMs()));
                }
                out.add(new SeriesValues(labels(side.metaType + "_total", name, NIL_LABEL), doubles(counts), exemplars));
            });
        }
        return out;
    }

    /**
     * The {@code topN} values by {@link #TOP}, best first. A value is labelled only when its sum can still place: most
     * values of a wide attribute (IDs, random numbers) are counted once and lose on their sum alone.
     */
    private List<Ranked> top(Map<Object, ValueCounts> values) {
        int n = Math.toIntExact(compare.topN());
        if (n <= 0) return List.of();
        PriorityQueue<Ranked> kept = new PriorityQueue<>(Math.min(n, values.size()) + 1, TOP.reversed());
        for (Map.Entry<Object, ValueCounts> value : values.entrySet()) {
            long sum = value.getValue().sum();
            if (kept.size() == n && sum < kept.peek().sum()) continue;
            kept.add(Ranked.of(value.getKey(), value.getValue(), sum));
            if (kept.size() > n) kept.poll();
        }
        List<Ranked> out = new ArrayList<>(kept);
        out.sort(TOP);
        return out;
    }

    private static List<KeyValue> labels(String metaType, String name, AnyValue value) {
        return List.of(PipelineMetrics.label(META_TYPE, string(metaType)), PipelineMetrics.label(name, value));
    }

    private static String labelText(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            default -> value.toString();
        };
    }

    private static AnyValue string(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    private static double[] doubles(long[] counts) {
        double[] out = new double[counts.length];
        for (int i = 0; i < out.length; i++) out[i] = counts[i];
        return out;
    }
}
