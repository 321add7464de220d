package io.pqflux.tempo.query.internal.search;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.Intrinsic;
import io.pqflux.traceql.internal.IntrinsicField;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One span a metrics query counts, as its function reads it: its start, its IDs for exemplars, its {@code by()} group
 * keys and the aggregated field as Tempo floats or buckets it; or as {@code compare()} reads it: its filter's test and
 * the attributes it groups. Read from an assembled trace ({@link MatchedSpans}) or
 * from a batch's columns ({@link ColumnSpans}); the rules here serve both. A view, valid during the call handing it.
 */
public abstract sealed class ObservedSpan permits MatchedSpans.Matched, ColumnSpans.Cursor {

    ObservedSpan() {
    }

    public abstract long startTimeUnixNano();

    /** The trace ID as 32 lowercase hex digits. */
    public abstract String traceIdHex();

    /** Tempo's span ID text (see {@link FieldEvaluator#spanIdHex}). */
    public abstract String spanIdHex();

    /** The field's value at the span. */
    abstract FieldValue value(FieldRef field);

    /** The span's own duration: end minus start. */
    abstract long durationNanos();

    /**
     * {@code compare()}'s test of the span: whether the expression is boolean true at it; an expression that fails
     * here is not true (Tempo ignores the error and counts the span in the baseline).
     */
    public final boolean isTrue(FieldExpr expr) {
        try {
            return holds(expr);
        } catch (EvaluationFailure e) {
            return false;
        }
    }

    /**
     * Hands {@code sink} each attribute {@code compare()} groups the span by, with its value as a group key
     * ({@link ComparedAttributes}); {@code childCount} when the block stores {@code span:childCount} (vParquet5).
     */
    public final void forEachComparedAttribute(boolean childCount, BiConsumer<String, Object> sink) {
        compared().forEach(this, childCount, sink);
    }

    /**
     * Hands {@code sink} the attributes of {@code group} that {@code compare()} groups the span by: those {@link
     * #forEachComparedAttribute(boolean, BiConsumer)} hands, of one of the span's owners.
     */
    public final void forEachComparedAttribute(ComparedGroup group, boolean childCount, BiConsumer<String, Object> sink) {
        compared().forEach(this, group, childCount, sink);
    }

    /** {@link #owner}'s answer when the owner is not known: the span's attributes of the group are walked for it alone. */
    public static final int NO_OWNER = -1;

    /**
     * The span's owner of {@code group}, numbered: spans handed in one call (one trace observed, or one batch's columns)
     * with the same number have the same attributes of that group. {@link #NO_OWNER} when not known.
     */
    public abstract int owner(ComparedGroup group);

    /** Whether {@code expr} is boolean true at the span; throws where its evaluation fails. */
    abstract boolean holds(FieldExpr expr);

    // what compare() reads of the span besides its fields

    /** The walk of compared attributes of the query being evaluated. */
    abstract ComparedAttributes compared();

    /** An intrinsic of the span, its scope or its trace. */
    abstract FieldValue intrinsic(Intrinsic intrinsic);

    abstract List<KeyValue> resourceAttributes();

    abstract List<KeyValue> scopeAttributes();

    abstract List<KeyValue> spanAttributes();

    /**
     * The field's value as a group key of a {@code by()} series; null when nil (Tempo drops nil labels). {@link
     * MatchedSpans#label} makes its label, once per new series rather than per span.
     */
    public final Object groupKey(FieldRef field) {
        FieldValue value = value(field);
        return value.isNil() ? null : value;
    }

    /**
     * Tempo's float of the field ({@code FloatizeAttribute}): the span's own duration in seconds; any other field an
     * int or float as it is, a duration in nanoseconds; NaN for nil and every other type.
     */
    public final double number(FieldRef field) {
        if (isSpanDuration(field)) return durationNanos() / 1e9;
        return switch (value(field)) {
            case FieldValue.IntValue(long v) -> v;
            case FieldValue.FloatValue(double v) -> v;
            case FieldValue.DurationValue(long nanos) -> nanos;
            default -> Double.NaN;
        };
    }

    /**
     * The histogram bucket of the field (Tempo's {@code bucketizeFnFor}): the power of two at or above the value, in
     * seconds for durations; NaN (the span is dropped) for values under 2, floats and non-numbers.
     */
    public final double bucket(FieldRef field) {
        if (isSpanDuration(field)) return durationBucket(durationNanos());
        return switch (value(field)) {
            case FieldValue.IntValue(long v) -> v < 2 ? Double.NaN : log2Bucket(v);
            case FieldValue.DurationValue(long nanos) -> durationBucket(nanos);
            default -> Double.NaN;
        };
    }

    private static boolean isSpanDuration(FieldRef field) {
        return field instanceof IntrinsicField f && f.intrinsic() == Intrinsic.DURATION;
    }

    private static double durationBucket(long nanos) {
        return nanos < 2 ? Double.NaN : log2Bucket(nanos) / 1e9;
    }

    /** Tempo's {@code Log2Bucketize}: the least power of two at or above {@code v} (v ≥ 2). */
    private static double log2Bucket(long v) {
        return Math.scalb(1.0, 64 - Long.numberOfLeadingZeros(v - 1));
    }
}
