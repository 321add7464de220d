package io.pqflux.tempo.query.internal.metrics;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.traceql.internal.BinaryOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tempo's arithmetic on final series ({@code ast_metrics_math.go}: {@code applyBinaryOp}, {@code mergeLabels},
 * {@code MetricsScalarOp}), step by step, in floats: {@code + - * /}, a division by zero NaN (a step without a value).
 * Between two sets of series, a series meets the one of the other side with the same labels ({@code __name__} aside,
 * in order, typed); a series without labels (an ungrouped function's) meets every series of the other side; a series
 * that meets none is dropped.
 */
final class SeriesArithmetic {

    private static final String NAME_LABEL = "__name__";
    /** The labels of an ungrouped function's series, {@code __name__} aside. */
    private static final List<KeyValue> NO_LABELS = List.of();

    private SeriesArithmetic() {
    }

    /**
     * {@code lhs op rhs}, series by series. Tempo walks the right side's series, or the left's when the right has one
     * without labels; each takes the other side's series of its labels, else the other side's series without labels.
     * The result has the walked series' labels: the left's, then the right's the left lacks, {@code __name__}
     * combined as {@code (left op right)} when both have one and else dropped; exemplars of both when both series were
     * matched by their labels (or both are unlabelled), else of the one that was.
     */
    static List<SeriesValues> between(BinaryOp op, List<SeriesValues> lhs, List<SeriesValues> rhs) {
        Map<List<KeyValue>, SeriesValues> left = byLabels(lhs);
        Map<List<KeyValue>, SeriesValues> right = byLabels(rhs);
        Map<List<KeyValue>, SeriesValues> walked = right.containsKey(NO_LABELS) ? left : right;
        List<SeriesValues> out = new ArrayList<>();
        for (List<KeyValue> labels : walked.keySet()) {
            boolean leftSpread = !left.containsKey(labels);
            boolean rightSpread = !right.containsKey(labels);
            SeriesValues l = left.getOrDefault(labels, left.get(NO_LABELS));
            SeriesValues r = right.getOrDefault(labels, right.get(NO_LABELS));
            if (l == null || r == null) continue;
            double[] values = new double[Math.min(l.values().length, r.values().length)];
            for (int i = 0; i < values.length; i++) values[i] = apply(op, l.values()[i], r.values()[i]);
            List<MetricsResponse.Exemplar> exemplars = new ArrayList<>();
            if (!leftSpread || rightSpread) exemplars.addAll(l.exemplars());
            if (!rightSpread || leftSpread) exemplars.addAll(r.exemplars());
            out.add(new SeriesValues(mergedLabels(op, l.labels(), r.labels()), values, exemplars));
        }
        return out;
    }

    /** {@code number op series} or {@code series op number}, on every value and exemplar. */
    static List<SeriesValues> withNumber(BinaryOp op, double number, List<SeriesValues> series, boolean numberOnLeft) {
        List<SeriesValues> out = new ArrayList<>();
        for (SeriesValues s : series) {
            double[] values = new double[s.values().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = numberOnLeft ? apply(op, number, s.values()[i]) : apply(op, s.values()[i], number);
            }
            List<MetricsResponse.Exemplar> exemplars = new ArrayList<>();
            for (MetricsResponse.Exemplar e : s.exemplars()) {
                double value = numberOnLeft ? apply(op, number, e.value()) : apply(op, e.value(), number);
                exemplars.add(new MetricsResponse.Exemplar(e.labels(), value, e.timestampMs()));
            }
            out.add(new SeriesValues(s.labels(), values, exemplars));
        }
        return out;
    }

    private static double apply(BinaryOp op, double lhs, double rhs) {
        return switch (op) {
            case ADD -> lhs + rhs;
            case SUB -> lhs - rhs;
            case MUL -> lhs * rhs;
            case DIV -> rhs == 0 ? Double.NaN : lhs / rhs;
            default -> throw new IllegalArgumentException(op + " is not arithmetic between metrics queries");
        };
    }

    /** The series by their labels without {@code __name__} (Tempo's series key). */
    private static Map<List<KeyValue>, SeriesValues> byLabels(List<SeriesValues> series) {
        Map<List<KeyValue>, SeriesValues> out = new LinkedHashMap<>();
        for (SeriesValues s : series) {
            out.put(s.labels().stream().filter(l -> !l.getKey().equals(NAME_LABEL)).toList(), s);
        }
        return out;
    }

    /**
     * Tempo's {@code mergeLabels}: the left's labels, then the right's whose names the left lacks; a {@code __name__}
     * on both sides becomes {@code (left op right)}; otherwise the left's is removed the way Tempo removes it, by
     * moving its last label into its place.
     */
    private static List<KeyValue> mergedLabels(BinaryOp op, List<KeyValue> lhs, List<KeyValue> rhs) {
        List<KeyValue> out = new ArrayList<>(lhs);
        for (KeyValue label : rhs) {
            if (!label.getKey().equals(NAME_LABEL) && lhs.stream().noneMatch(l -> l.getKey().equals(label.getKey()))) {
                out.add(label);
            }
        }
        String leftName = name(lhs);
        String rightName = name(rhs);
        for (int i = 0; i < out.size(); i++) {
            if (!out.get(i).getKey().equals(NAME_LABEL)) continue;
            if (leftName != null && rightName != null) {
                String combined = "(" + leftName + " " + op.symbol() + " " + rightName + ")";
                out.set(i, PipelineMetrics.label(NAME_LABEL, AnyValue.newBuilder().setStringValue(combined).build()));
            } else {
                out.set(i, out.getLast());
                out.removeLast();
            }
            break;
        }
        return out;
    }

    /** The series' {@code __name__}, or null when it has none. */
    private static String name(List<KeyValue> labels) {
        for (KeyValue label : labels) {
            if (label.getKey().equals(NAME_LABEL)) return label.getValue().getStringValue();
        }
        return null;
    }
}
