package io.pqflux.tempo.query.oracle;

import io.pqflux.traceql.internal.BinaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * The oracle's arithmetic between metrics queries ({@link NaiveMetrics}), written from the rules docs/traceql.md §
 * "Arithmetic between metrics queries" states (Tempo's), on the oracle's series of label texts: step by step in
 * floats, a division by zero no value; series of the two sides meet by their labels, {@code __name__} aside, and a
 * side's unlabelled series meets every series of the other side.
 */
final class SeriesMath {

    private static final String NAME = "__name__";
    private static final String STRING = "STRING_VALUE:";

    private SeriesMath() {
    }

    static List<NaiveMetrics.Series> between(BinaryOp op, List<NaiveMetrics.Series> left, List<NaiveMetrics.Series> right) {
        NaiveMetrics.Series leftUnlabelled = find(left, "");
        NaiveMetrics.Series rightUnlabelled = find(right, "");
        // the right side's series give the result's, unless the right has an unlabelled one to spread over the left's
        List<NaiveMetrics.Series> result = new ArrayList<>();
        for (NaiveMetrics.Series s : rightUnlabelled == null ? right : left) {
            String identity = identity(s);
            NaiveMetrics.Series l = find(left, identity);
            NaiveMetrics.Series r = find(right, identity);
            if (l == null) l = leftUnlabelled;
            if (r == null) r = rightUnlabelled;
            if (l == null || r == null) continue;
            double[] values = new double[l.values().length];
            for (int i = 0; i < values.length; i++) values[i] = apply(op, l.values()[i], r.values()[i]);
            result.add(new NaiveMetrics.Series(labels(op, l.labels(), r.labels()), values));
        }
        return result;
    }

    static List<NaiveMetrics.Series> withNumber(BinaryOp op, double number, List<NaiveMetrics.Series> series,
                                               boolean numberFirst) {
        List<NaiveMetrics.Series> result = new ArrayList<>();
        for (NaiveMetrics.Series s : series) {
            double[] values = new double[s.values().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = numberFirst ? apply(op, number, s.values()[i]) : apply(op, s.values()[i], number);
            }
            result.add(new NaiveMetrics.Series(s.labels(), values));
        }
        return result;
    }

    private static double apply(BinaryOp op, double a, double b) {
        if (op == BinaryOp.DIV && b == 0) return Double.NaN;
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            default -> throw new IllegalArgumentException(op.symbol());
        };
    }

    /** The labels that identify a series: all but {@code __name__}, in order, as text. */
    private static String identity(NaiveMetrics.Series s) {
        StringBuilder b = new StringBuilder();
        for (String[] label : s.labels()) {
            if (!label[0].equals(NAME)) b.append(label[0]).append('=').append(label[1]).append(';');
        }
        return b.toString();
    }

    private static NaiveMetrics.Series find(List<NaiveMetrics.Series> series, String identity) {
        for (NaiveMetrics.Series s : series) if (identity(s).equals(identity)) return s;
        return null;
    }

    /**
     * The left's labels, then the right's of names the left has not; {@code __name__} "(left op right)" when both
     * sides have one, else the left's taken out by putting its last label in its place.
     */
    private static List<String[]> labels(BinaryOp op, List<String[]> left, List<String[]> right) {
        List<String[]> labels = new ArrayList<>(left);
        for (String[] label : right) {
            if (label[0].equals(NAME)) continue;
            if (left.stream().noneMatch(l -> l[0].equals(label[0]))) labels.add(label);
        }
        String leftName = name(left);
        String rightName = name(right);
        for (int i = 0; i < labels.size(); i++) {
            if (!labels.get(i)[0].equals(NAME)) continue;
            if (leftName != null && rightName != null) {
                labels.set(i, new String[] {NAME, STRING + "(" + leftName + " " + op.symbol() + " " + rightName + ")"});
            } else {
                labels.set(i, labels.getLast());
                labels.removeLast();
            }
            break;
        }
        return labels;
    }

    private static String name(List<String[]> labels) {
        for (String[] label : labels) if (label[0].equals(NAME)) return label[1].substring(STRING.length());
        return null;
    }
}
