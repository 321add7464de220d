package io.pqflux.tempo.query.internal.search;

import io.pqflux.tempo.query.internal.search.FieldValue.DurationValue;
import io.pqflux.tempo.query.internal.search.FieldValue.FloatValue;
import io.pqflux.tempo.query.internal.search.FieldValue.IntValue;
import io.pqflux.traceql.internal.Aggregate;

/**
 * Tempo's spanset aggregates ({@code Aggregate.evaluate}): over the spanset's spans in its order, nil values skipped;
 * {@code sum} adds only values of the first value's type (an int sum ignores floats, and the reverse) while
 * {@code avg} divides by every non-nil value; {@code avg} of ints is a float (the sum read as unsigned 64 bits), of
 * durations a duration (integer division), of floats a float; {@code min}/{@code max} follow
 * {@link Operators#order}.
 */
final class Aggregates {

    private Aggregates() {
    }

    /** The aggregate of the spanset; nil when every value is nil (Tempo drops that spanset). */
    static FieldValue of(Aggregate aggregate, Spanset set, SpanFields trace, FieldEvaluator fields) {
        if (aggregate.argument() == null) return new IntValue(set.size());
        FieldValue result = null;
        int count = 0;
        for (int span : set.spans()) {
            FieldValue value = fields.evaluate(aggregate.argument(), trace, span, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
            if (value.isNil()) continue;
            count++;
            result = switch (aggregate.op()) {
                case SUM, AVG -> result == null ? value : add(result, value);
                case MIN -> result == null || Operators.order(value, result) < 0 ? value : result;
                case MAX -> result == null || Operators.order(value, result) > 0 ? value : result;
                case COUNT -> throw new IllegalStateException("count() takes no argument");
            };
        }
        if (result == null) return FieldValue.NIL;
        return switch (aggregate.op()) {
            case AVG -> divide(result, count);
            default -> result;
        };
    }

    /** Tempo's {@code sumInto}: adds a value of the sum's own type (int, duration, float); anything else is ignored. */
    private static FieldValue add(FieldValue sum, FieldValue value) {
        return switch (sum) {
            case IntValue(long s) when value instanceof IntValue(long v) -> new IntValue(s + v);
            case DurationValue(long s) when value instanceof DurationValue(long v) -> new DurationValue(s + v);
            case FloatValue(double s) when value instanceof FloatValue(double v) -> new FloatValue(s + v);
            default -> sum;
        };
    }

    /** Tempo's {@code divideBy}. */
    private static FieldValue divide(FieldValue sum, int count) {
        return switch (sum) {
            case IntValue(long s) -> new FloatValue(unsigned(s) / count);
            case DurationValue(long s) -> new DurationValue(s / count);
            case FloatValue(double s) -> new FloatValue(s / count);
            default -> sum;
        };
    }

    /** Go's {@code float64(uint64(v))}: the 64 bits as an unsigned number, rounded to nearest. */
    private static double unsigned(long v) {
        if (v >= 0) return v;
        // halved with the lowest bit kept as a sticky bit, so the one rounding to 53 bits is the one Go's makes
        return (double) ((v >>> 1) | (v & 1)) * 2.0;
    }
}
