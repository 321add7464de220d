package io.pqflux.tempo.query.internal.metrics;

import io.pqflux.tempo.query.internal.search.MatchedSpans;
import io.pqflux.tempo.query.internal.search.ObservedSpan;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.MetricsAggregate;
import io.pqflux.traceql.internal.MetricsFunction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metrics function's partial result: series by their {@code by()} values, each a {@link SeriesCells}.
 */
final class FunctionAccumulator extends MetricsAccumulator {

    private final MetricsAggregate aggregate;
    private final Map<List<Object>, SeriesCells> series = new LinkedHashMap<>();

    /** @param columnFields see {@link MetricsQuery#columnFields} */
    FunctionAccumulator(MatchedSpans matcher, MetricsAggregate aggregate, TimeGrid grid, int exemplarLimit,
                        List<FieldRef> columnFields) {
        super(matcher, grid, exemplarLimit, columnFields, false);
        this.aggregate = aggregate;
    }

    Map<List<Object>, SeriesCells> series() {
        return series;
    }

    @Override
    boolean observe(ObservedSpan span) {
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

    @Override
    void offerExemplar(ObservedSpan span) {
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

    private SeriesCells cells(ObservedSpan span) {
        List<FieldRef> by = aggregate.by();
        if (by.isEmpty()) {
            // one series: no key to build per span
            if (series.isEmpty()) series.put(List.of(), new SeriesCells(aggregate.function(), new MatchedSpans.Label[0], grid.intervals()));
            return series.get(List.of());
        }
        Object[] key = new Object[by.size()];
        for (int i = 0; i < key.length; i++) key[i] = span.groupKey(by.get(i));
        return series.computeIfAbsent(Arrays.asList(key), k -> {
            MatchedSpans.Label[] labels = new MatchedSpans.Label[key.length];
            for (int i = 0; i < key.length; i++) labels[i] = MatchedSpans.label(key[i]);
            return new SeriesCells(aggregate.function(), labels, grid.intervals());
        });
    }

    @Override
    void mergeCounts(MetricsAccumulator other) {
        for (Map.Entry<List<Object>, SeriesCells> e : ((FunctionAccumulator) other).series.entrySet()) {
            SeriesCells mine = series.get(e.getKey());
            if (mine == null) {
                series.put(e.getKey(), e.getValue());
            } else {
                mine.merge(e.getValue(), aggregate.function());
            }
        }
    }
}
