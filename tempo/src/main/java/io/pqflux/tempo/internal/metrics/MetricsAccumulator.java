package io.pqflux.tempo.internal.metrics;

import io.pqflux.tempo.internal.search.MatchedSpans;
import io.pqflux.tempo.internal.traceql.FieldRef;
import io.pqflux.tempo.internal.traceql.MetricsAggregate;
import io.pqflux.tempo.internal.traceql.MetricsFunction;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A metrics function's partial result over the spans of some traces (one block, or several merged): series by their
 * {@code by()} values, each a {@link SeriesCells}. Not thread-safe: a block's traces arrive one at a time; blocks'
 * accumulators are merged afterwards, which gives the same result as one accumulator over all their spans.
 */
public final class MetricsAccumulator {

    private final MetricsAggregate aggregate;
    private final TimeGrid grid;
    private final int exemplarLimit;
    private final Map<List<Object>, SeriesCells> series = new LinkedHashMap<>();
    /** Traces that gave an exemplar (one each, as Tempo samples one span per trace). */
    private final Set<String> exemplarTraces = new HashSet<>();
    private final MatchedSpans matcher;
    private long traces;
    private long spans;

    MetricsAccumulator(MatchedSpans matcher, MetricsAggregate aggregate, TimeGrid grid, int exemplarLimit) {
        this.matcher = matcher;
        this.aggregate = aggregate;
        this.grid = grid;
        this.exemplarLimit = grid.instant() ? 0 : exemplarLimit;
    }

    Map<List<Object>, SeriesCells> series() {
        return series;
    }

    /** Traces and spans the query was evaluated on. */
    public long traces() {
        return traces;
    }

    public long spans() {
        return spans;
    }

    /**
     * Runs the query's spanset pipeline on the trace and observes every span it yields.
     *
     * @throws io.pqflux.tempo.TraceQlException of reason {@code EVALUATION_ERROR} where Tempo fails the query
     */
    public void observe(io.pqflux.tempo.Trace trace) {
        traces++;
        spans += matcher.forEach(trace, span -> {
            if (observe(span) && exemplarLimit > 0) offerExemplar(span);
        });
    }

    /** Observes one matched span; returns whether it counted (started in the range and was not dropped). */
    boolean observe(MatchedSpans.Matched span) {
        int interval = grid.interval(span.startTimeUnixNano());
        if (interval < 0) return false;
        MetricsFunction function = aggregate.function();
        FieldRef field = aggregate.field();
        double bucket = Double.NaN;
        double value = Double.NaN;
        switch (function) {
            case HISTOGRAM_OVER_TIME, QUANTILE_OVER_TIME -> {
                bucket = span.bucket(field);
                if (Double.isNaN(bucket)) return false; // Tempo drops the span: no bucket, no series
            }
            case MIN_OVER_TIME, MAX_OVER_TIME, SUM_OVER_TIME, AVG_OVER_TIME -> value = span.number(field);
            default -> {
            }
        }
        // avg_over_time makes no series for a span without a value; the others make it with no value in it
        if (function == MetricsFunction.AVG_OVER_TIME && Double.isNaN(value)) return false;
        SeriesCells cells = cells(span);
        switch (function) {
            case COUNT_OVER_TIME, RATE -> cells.count(interval);
            case MIN_OVER_TIME -> {
                if (!Double.isNaN(value)) cells.min(interval, value);
            }
            case MAX_OVER_TIME -> {
                if (!Double.isNaN(value)) cells.max(interval, value);
            }
            case SUM_OVER_TIME -> {
                if (!Double.isNaN(value)) cells.add(interval, value, 0);
            }
            case AVG_OVER_TIME -> {
                cells.count(interval);
                cells.add(interval, value, 0);
            }
            case HISTOGRAM_OVER_TIME, QUANTILE_OVER_TIME -> cells.bucket(interval, bucket, grid.intervals());
        }
        return true;
    }

    /**
     * Offers the span as its trace's exemplar: the first counted span of each trace, while fewer than the limit of
     * traces gave one (Tempo picks a random span of the trace; we pick the first, so answers repeat).
     */
    void offerExemplar(MatchedSpans.Matched span) {
        if (exemplarTraces.size() >= exemplarLimit || exemplarTraces.contains(span.traceIdHex())) return;
        MetricsFunction function = aggregate.function();
        double bucket = Double.NaN;
        if (function == MetricsFunction.HISTOGRAM_OVER_TIME || function == MetricsFunction.QUANTILE_OVER_TIME) {
            bucket = span.bucket(aggregate.field());
            if (Double.isNaN(bucket)) return;
        }
        double value = switch (function) {
            case COUNT_OVER_TIME, RATE, HISTOGRAM_OVER_TIME -> Double.NaN;
            default -> {
                double v = span.number(aggregate.field());
                yield Double.isNaN(v) ? 0 : v; // Tempo's exemplar of a nil value is 0
            }
        };
        exemplarTraces.add(span.traceIdHex());
        cells(span).exemplars.add(new SeriesCells.Candidate(span.traceIdHex(), span.spanIdHex(), value,
                Math.floorDiv(span.startTimeUnixNano(), 1_000_000L), bucket));
    }

    private SeriesCells cells(MatchedSpans.Matched span) {
        List<FieldRef> by = aggregate.by();
        MatchedSpans.Label[] labels = new MatchedSpans.Label[by.size()];
        Object[] key = new Object[by.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = span.label(by.get(i));
            key[i] = labels[i] == null ? null : labels[i].key();
        }
        return series.computeIfAbsent(Arrays.asList(key),
                k -> new SeriesCells(aggregate.function(), labels, grid.intervals()));
    }

    /** Adds another accumulator's series (same query and grid) to these; returns this. */
    public MetricsAccumulator merge(MetricsAccumulator other) {
        traces += other.traces;
        spans += other.spans;
        for (Map.Entry<List<Object>, SeriesCells> e : other.series.entrySet()) {
            SeriesCells mine = series.get(e.getKey());
            if (mine == null) {
                series.put(e.getKey(), e.getValue());
            } else {
                mine.merge(e.getValue(), aggregate.function());
            }
        }
        return this;
    }
}
