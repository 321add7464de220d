package io.pqflux.tempo.query.internal.search;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.Trace;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.Intrinsic;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.SpansetFilter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The spans a spanset pipeline yields on a trace, for TraceQL metrics: the same evaluator as search, so a metrics
 * query counts exactly the spans the search of its pipeline returns. Each span of each spanset is handed on (a span in
 * two spansets twice, as Tempo's metrics evaluator walks its spansets), with what metrics read of it: its start time,
 * its {@code by()} values and the aggregated field as Tempo floats it.
 */
public final class MatchedSpans {

    private final String text;
    private final Pipeline pipeline;
    /** The pipeline as a batch's columns run it whole, when they can (used when it is more than one filter). */
    private final ColumnPipeline columnPipeline;
    private final PipelineEvaluator evaluator = new PipelineEvaluator();
    private final Matched matched = new Matched();
    private final ComparedAttributes compared = new ComparedAttributes();

    /** @param text the query, for evaluation errors */
    public MatchedSpans(String text, Pipeline pipeline) {
        this.text = text;
        this.pipeline = pipeline;
        this.columnPipeline = ColumnPipeline.of(pipeline);
    }

    /** A group-by value: {@code key} groups (type and value, as Tempo's map keys), {@code value} is its label. */
    public record Label(Object key, AnyValue value) {
    }

    /** The label of a {@code by()} group key ({@link Matched#groupKey}); null for a nil key. */
    public static Label label(Object groupKey) {
        return groupKey == null ? null : new Label(groupKey, TraceQlSearch.anyValue((FieldValue) groupKey));
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

    /**
     * Hands each span the pipeline yields in {@code batch} to {@code sink}, read from its columns, and each selected
     * row's span count to {@code traceSpans}; the view is reused. Returns false, having handed nothing, when the batch
     * cannot be answered from its columns (see {@link ColumnSpans}): its traces must be assembled.
     *
     * @param keys     the attributes the batch was read with
     * @param fields   the fields the sink reads of a span (the query's {@code by()} and aggregated fields, or
     *                 {@code compare()}'s filter and the intrinsics it groups)
     * @param spanIds  whether the sink reads span IDs (exemplars)
     * @param compared whether the sink reads what {@code compare()} groups (every attribute, the scope, root names)
     */
    public boolean forEachInColumns(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys, List<FieldRef> fields,
                                    boolean spanIds, boolean compared, IntConsumer traceSpans, Consumer<ObservedSpan> sink) {
        SpansetFilter filter = ColumnSpans.oneFilter(pipeline);
        if (filter != null) {
            ColumnSpans spans = ColumnSpans.of(mapper, batch, keys, filter.expr(), fields, spanIds, evaluator.fields(),
                    compared ? this.compared : null);
            if (spans == null) return false;
            spans.forEach(traceSpans, sink);
            return true;
        }
        if (columnPipeline == null) return false;
        ColumnSpans spans = ColumnSpans.ofPipeline(mapper, batch, keys, columnPipeline, fields, spanIds,
                evaluator.fields(), compared ? this.compared : null);
        return spans != null && spans.forEachYielded(columnPipeline, evaluator, traceSpans, sink);
    }

    /** One matched span, valid during the sink's call. */
    public final class Matched extends ObservedSpan {
        private TraceSpans trace;
        private int span;

        private void at(TraceSpans trace, int span) {
            this.trace = trace;
            this.span = span;
        }

        private Span span() {
            return trace.spans[span];
        }

        @Override
        public long startTimeUnixNano() {
            return span().getStartTimeUnixNano();
        }

        @Override
        public String traceIdHex() {
            return trace.trace.traceIdHex();
        }

        @Override
        public String spanIdHex() {
            return FieldEvaluator.spanIdHex(span().getSpanId());
        }

        @Override
        long durationNanos() {
            return span().getEndTimeUnixNano() - span().getStartTimeUnixNano();
        }

        @Override
        boolean holds(FieldExpr expr) {
            return evaluator.fields().isTrue(expr, trace, span, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
        }

        @Override
        ComparedAttributes compared() {
            return compared;
        }

        /** One trace per call: its spans share the trace's owner; resources and scopes are not numbered. */
        @Override
        public int owner(ComparedGroup group) {
            return switch (group) {
                case TRACE -> 0;
                case RESOURCE, SCOPE -> NO_OWNER;
                case SPAN -> span;
            };
        }

        @Override
        FieldValue intrinsic(Intrinsic intrinsic) {
            return evaluator.fields().intrinsic(intrinsic, trace, span, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
        }

        @Override
        List<KeyValue> resourceAttributes() {
            return trace.resources[span].getAttributesList();
        }

        @Override
        List<KeyValue> scopeAttributes() {
            return trace.scopes[span].getAttributesList();
        }

        @Override
        List<KeyValue> spanAttributes() {
            return span().getAttributesList();
        }

        @Override
        FieldValue value(FieldRef field) {
            return evaluator.fields().evaluate(field, trace, span, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
        }
    }

    /** The series label of a group key {@link ObservedSpan#forEachComparedAttribute} gave. */
    public static AnyValue comparedLabel(Object key) {
        return TraceQlSearch.anyValue((FieldValue) key);
    }
}
