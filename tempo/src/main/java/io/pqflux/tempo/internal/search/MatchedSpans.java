package io.pqflux.tempo.internal.search;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceQlException;
import io.pqflux.tempo.internal.traceql.FieldRef;
import io.pqflux.tempo.internal.traceql.Intrinsic;
import io.pqflux.tempo.internal.traceql.IntrinsicField;
import io.pqflux.tempo.internal.traceql.Pipeline;
import java.util.function.Consumer;

/**
 * The spans a spanset pipeline yields on a trace, for TraceQL metrics: the same evaluator as search, so a metrics
 * query counts exactly the spans the search of its pipeline returns. Each span of each spanset is handed on (a span in
 * two spansets twice, as Tempo's metrics evaluator walks its spansets), with what metrics read of it: its start time,
 * its {@code by()} values and the aggregated field as Tempo floats it.
 */
public final class MatchedSpans {

    private final String text;
    private final Pipeline pipeline;
    private final PipelineEvaluator evaluator = new PipelineEvaluator();
    private final Matched matched = new Matched();

    /** @param text the query, for evaluation errors */
    public MatchedSpans(String text, Pipeline pipeline) {
        this.text = text;
        this.pipeline = pipeline;
    }

    /** A group-by value: {@code key} groups (type and value, as Tempo's map keys), {@code value} is its label. */
    public record Label(Object key, AnyValue value) {
    }

    /** Tempo's name of a field as a series label ({@code resource.service.name}, {@code name}, {@code .x}). */
    public static String labelName(FieldRef field) {
        return TempoNames.field(field);
    }

    /**
     * Hands each span of each spanset the pipeline yields to {@code sink}; the view is reused from span to span.
     *
     * @return the spans the trace has (what the query was evaluated on)
     * @throws TraceQlException of reason {@code EVALUATION_ERROR} where Tempo fails the query on this trace
     */
    public int forEach(Trace trace, Consumer<Matched> sink) {
        TraceSpans spans = new TraceSpans(trace);
        for (Spanset set : evaluator.evaluateQuery(text, pipeline, spans)) {
            for (int s : set.spans()) {
                matched.at(spans, s);
                sink.accept(matched);
            }
        }
        return spans.size();
    }

    /** One matched span, valid during the sink's call. */
    public final class Matched {
        private TraceSpans trace;
        private int span;

        private void at(TraceSpans trace, int span) {
            this.trace = trace;
            this.span = span;
        }

        private Span span() {
            return trace.spans[span];
        }

        public long startTimeUnixNano() {
            return span().getStartTimeUnixNano();
        }

        public String traceIdHex() {
            return trace.trace.traceIdHex();
        }

        public String spanIdHex() {
            return FieldEvaluator.spanIdHex(span().getSpanId());
        }

        /** The field's value as a label; null when nil (Tempo drops nil labels). */
        public Label label(FieldRef field) {
            FieldValue value = value(field);
            return value.isNil() ? null : new Label(value, TraceQlSearch.anyValue(value));
        }

        /**
         * Tempo's float of the field ({@code FloatizeAttribute}): the span's own duration in seconds; any other field
         * an int or float as it is, a duration in nanoseconds; NaN for nil and every other type.
         */
        public double number(FieldRef field) {
            if (isSpanDuration(field)) return (span().getEndTimeUnixNano() - span().getStartTimeUnixNano()) / 1e9;
            return switch (value(field)) {
                case FieldValue.IntValue(long v) -> v;
                case FieldValue.FloatValue(double v) -> v;
                case FieldValue.DurationValue(long nanos) -> nanos;
                default -> Double.NaN;
            };
        }

        /**
         * The histogram bucket of the field (Tempo's {@code bucketizeFnFor}): the power of two at or above the value,
         * in seconds for durations; NaN (the span is dropped) for values under 2, floats and non-numbers.
         */
        public double bucket(FieldRef field) {
            if (isSpanDuration(field)) return durationBucket(span().getEndTimeUnixNano() - span().getStartTimeUnixNano());
            return switch (value(field)) {
                case FieldValue.IntValue(long v) -> v < 2 ? Double.NaN : log2Bucket(v);
                case FieldValue.DurationValue(long nanos) -> durationBucket(nanos);
                default -> Double.NaN;
            };
        }

        private FieldValue value(FieldRef field) {
            return evaluator.fields().evaluate(field, trace, span, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
        }
    }

    private static boolean isSpanDuration(FieldRef field) {
        return field instanceof IntrinsicField f && f.intrinsic() == Intrinsic.DURATION;
    }

    private static double durationBucket(long nanos) {
        return nanos < 2 ? Double.NaN : log2Bucket(nanos) / 1e9;
    }

    /** Tempo's {@code Log2Bucketize}: the least power of two at or above {@code v} (v ≥ 2). */
    static double log2Bucket(long v) {
        return Math.scalb(1.0, 64 - Long.numberOfLeadingZeros(v - 1));
    }
}
