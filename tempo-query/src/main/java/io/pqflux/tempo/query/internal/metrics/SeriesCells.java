package io.pqflux.tempo.query.internal.metrics;

import io.pqflux.tempo.query.internal.search.MatchedSpans;
import io.pqflux.traceql.internal.MetricsFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One series' partial result, step by step, kept so that two partial results (two blocks) merge exactly: counts
 * for {@code count_over_time}, {@code rate} and {@code avg_over_time}, sums with their Kahan compensation for
 * {@code sum_over_time} and {@code avg_over_time}, extremes for {@code min}/{@code max}, and for the two histogram
 * functions a count per power-of-two bucket and step.
 */
final class SeriesCells {

    /** The {@code by()} labels, in order; null for a nil value. */
    final MatchedSpans.Label[] labels;
    final long[] counts;
    final double[] values;
    final double[] compensation;
    /** Bucket upper bound → counts per step; sorted by bound. */
    final Map<Double, long[]> buckets;
    final List<Candidate> exemplars = new ArrayList<>();

    /**
     * An exemplar before its series is final: the span's IDs, value (NaN: the step's value), start, and for the
     * histogram functions the span's bucket (NaN otherwise).
     */
    record Candidate(String traceId, String spanId, double value, long timestampMs, double bucket) {
    }

    SeriesCells(MetricsFunction function, MatchedSpans.Label[] labels, int intervals) {
        this.labels = labels;
        boolean histogram = function == MetricsFunction.HISTOGRAM_OVER_TIME || function == MetricsFunction.QUANTILE_OVER_TIME;
        boolean counted = function == MetricsFunction.COUNT_OVER_TIME || function == MetricsFunction.RATE
                || function == MetricsFunction.AVG_OVER_TIME;
        boolean valued = function == MetricsFunction.MIN_OVER_TIME || function == MetricsFunction.MAX_OVER_TIME
                || function == MetricsFunction.SUM_OVER_TIME || function == MetricsFunction.AVG_OVER_TIME;
        counts = counted ? new long[intervals] : null;
        values = valued ? nans(intervals) : null;
        compensation = valued ? new double[intervals] : null;
        buckets = histogram ? new TreeMap<>() : null;
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    void count(int interval) {
        counts[interval]++;
    }

    void min(int interval, double v) {
        if (Double.isNaN(values[interval]) || v < values[interval]) values[interval] = v;
    }

    void max(int interval, double v) {
        if (Double.isNaN(values[interval]) || v > values[interval]) values[interval] = v;
    }

    /** Kahan–Neumaier, as Tempo sums ({@code kahanSumInc}); the compensation is added when the value is read. */
    void add(int interval, double v, double c) {
        if (Double.isNaN(values[interval])) {
            values[interval] = v;
            compensation[interval] = c;
            return;
        }
        double sum = values[interval];
        double t = sum + v;
        if (Double.isInfinite(t)) {
            compensation[interval] = 0;
        } else if (Math.abs(sum) >= Math.abs(v)) {
            compensation[interval] += (sum - t) + v;
        } else {
            compensation[interval] += (v - t) + sum;
        }
        compensation[interval] += c;
        values[interval] = t;
    }

    void bucket(int interval, double bound, int intervals) {
        buckets.computeIfAbsent(bound, b -> new long[intervals])[interval]++;
    }

    /** The sum at a step with its compensation; NaN when nothing was added. */
    double sum(int interval) {
        return values[interval] + compensation[interval];
    }

    /** Adds another partial result of the same series (same function and grid). */
    void merge(SeriesCells other, MetricsFunction function) {
        if (counts != null) {
            for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
        }
        if (values != null) {
            for (int i = 0; i < values.length; i++) {
                double v = other.values[i];
                if (Double.isNaN(v)) continue;
                switch (function) {
                    case MIN_OVER_TIME -> min(i, v);
                    case MAX_OVER_TIME -> max(i, v);
                    default -> add(i, v, other.compensation[i]);
                }
            }
        }
        if (buckets != null) {
            for (Map.Entry<Double, long[]> e : other.buckets.entrySet()) {
                long[] mine = buckets.get(e.getKey());
                if (mine == null) {
                    buckets.put(e.getKey(), e.getValue().clone());
                } else {
                    for (int i = 0; i < mine.length; i++) mine[i] += e.getValue()[i];
                }
            }
        }
        exemplars.addAll(other.exemplars);
    }
}
