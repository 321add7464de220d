package io.pqflux.tempo.query.internal.metrics;

import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.traceql.internal.BinaryOp;
import io.pqflux.traceql.internal.MetricsFilter;
import io.pqflux.traceql.internal.SecondStage;
import io.pqflux.traceql.internal.StaticValue;
import io.pqflux.traceql.internal.TopK;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Tempo's second stages (ast_metrics.go), run in order on the final series: {@code topk(n)}/{@code bottomk(n)} keep,
 * at each step, the n series with the highest (lowest) values there, a series keeping only the steps where it was
 * chosen (all of its series when there are at most n); a comparison ({@code > 10}) blanks the values that fail it,
 * drops the series left without values and keeps only exemplars whose value passes.
 */
final class SecondStages {

    private SecondStages() {
    }

    static List<SeriesValues> apply(List<SecondStage> stages, List<SeriesValues> series, int steps) {
        List<SeriesValues> current = series;
        for (SecondStage stage : stages) {
            current = switch (stage) {
                case TopK topK -> topK(topK, current, steps);
                case MetricsFilter filter -> filter(filter, current);
            };
        }
        return current;
    }

    /**
     * Ties at a step: {@code topk} prefers the series whose label values come first alphabetically, {@code bottomk}
     * the one whose come last (Tempo breaks ties by its series keys, reversed, in both heaps: seriesheap.go).
     */
    private static List<SeriesValues> topK(TopK stage, List<SeriesValues> input, int steps) {
        if (input.size() <= stage.limit()) return input;
        double[][] chosen = new double[input.size()][];
        for (int step = 0; step < steps; step++) {
            final int at = step;
            List<Integer> candidates = new ArrayList<>();
            for (int s = 0; s < input.size(); s++) {
                double[] v = input.get(s).values();
                if (at < v.length && !Double.isNaN(v[at])) candidates.add(s);
            }
            Comparator<Integer> byValue = Comparator.comparingDouble(s -> input.get(s).values()[at]);
            if (!stage.bottom()) byValue = byValue.reversed();
            Comparator<SeriesValues> ties = stage.bottom() ? SeriesOrder.LABEL_VALUES.reversed() : SeriesOrder.LABEL_VALUES;
            candidates.sort(byValue.thenComparing(s -> input.get(s), ties));
            for (int c = 0; c < Math.min(stage.limit(), candidates.size()); c++) {
                int s = candidates.get(c);
                if (chosen[s] == null) {
                    chosen[s] = new double[input.get(s).values().length];
                    Arrays.fill(chosen[s], Double.NaN);
                }
                chosen[s][at] = input.get(s).values()[at];
            }
        }
        List<SeriesValues> out = new ArrayList<>();
        for (int s = 0; s < input.size(); s++) {
            if (chosen[s] != null) out.add(new SeriesValues(input.get(s).labels(), chosen[s], input.get(s).exemplars()));
        }
        return out;
    }

    private static List<SeriesValues> filter(MetricsFilter filter, List<SeriesValues> input) {
        double threshold = threshold(filter.threshold());
        List<SeriesValues> out = new ArrayList<>();
        for (SeriesValues series : input) {
            double[] values = series.values().clone();
            boolean any = false;
            for (int i = 0; i < values.length; i++) {
                if (Double.isNaN(values[i]) || !passes(filter.op(), values[i], threshold)) {
                    values[i] = Double.NaN;
                } else {
                    any = true;
                }
            }
            if (!any) continue;
            List<MetricsResponse.Exemplar> exemplars = series.exemplars().stream()
                    .filter(e -> !Double.isNaN(e.value()) && passes(filter.op(), e.value(), threshold)).toList();
            out.add(new SeriesValues(series.labels(), values, exemplars));
        }
        return out;
    }

    /** The threshold as Tempo floats it: a duration in seconds. */
    static double threshold(StaticValue value) {
        return switch (value) {
            case StaticValue.IntValue(long v) -> v;
            case StaticValue.FloatValue(double v) -> v;
            case StaticValue.DurationValue(long nanos) -> nanos / 1e9;
            default -> throw new IllegalArgumentException("not a number: " + value);
        };
    }

    private static boolean passes(BinaryOp op, double v, double threshold) {
        return switch (op) {
            case GT -> v > threshold;
            case GTE -> v >= threshold;
            case LT -> v < threshold;
            case LTE -> v <= threshold;
            case EQ -> v == threshold;
            case NEQ -> v != threshold;
            default -> false;
        };
    }
}
