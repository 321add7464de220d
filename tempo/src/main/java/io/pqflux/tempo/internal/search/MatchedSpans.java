package io.pqflux.tempo.internal.search;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceQlException;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.traceql.AttributeField;
import io.pqflux.tempo.internal.traceql.AttributeScope;
import io.pqflux.tempo.internal.traceql.FieldExpr;
import io.pqflux.tempo.internal.traceql.FieldRef;
import io.pqflux.tempo.internal.traceql.Intrinsic;
import io.pqflux.tempo.internal.traceql.Pipeline;
import io.pqflux.tempo.internal.traceql.SourceRange;
import io.pqflux.tempo.internal.traceql.SpansetFilter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
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
    private final PipelineEvaluator evaluator = new PipelineEvaluator();
    private final Matched matched = new Matched();
    /** Attribute label names by scope and key, for compare(): quoting a name once, not once per span. */
    private final Map<AttributeScope, Map<String, String>> attributeNames = new EnumMap<>(AttributeScope.class);

    /** @param text the query, for evaluation errors */
    public MatchedSpans(String text, Pipeline pipeline) {
        this.text = text;
        this.pipeline = pipeline;
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
     * @param keys    the attributes the batch was read with
     * @param fields  the fields the sink reads of a span (the query's {@code by()} and aggregated fields)
     * @param spanIds whether the sink reads span IDs (exemplars)
     */
    public boolean forEachInColumns(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys, List<FieldRef> fields,
                                    boolean spanIds, IntConsumer traceSpans, Consumer<ObservedSpan> sink) {
        if (!(pipeline.stages().getFirst() instanceof SpansetFilter filter)) return false;
        ColumnSpans spans = ColumnSpans.of(mapper, batch, keys, filter.expr(), fields, spanIds, evaluator.fields());
        if (spans == null) return false;
        spans.forEach(traceSpans, sink);
        return true;
    }

    /** One matched span, valid during the sink's call. */
    public final class Matched extends ObservedSpan {
        private TraceSpans trace;
        private int span;
        /** The names of the attribute list being walked, for its repeats: reused from list to list. */
        private String[] keys = new String[16];

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

        /**
         * {@code compare()}'s test of the span: whether the expression is boolean true at it; an expression that fails
         * here is not true (Tempo ignores the error and counts the span in the baseline).
         */
        public boolean isTrue(FieldExpr expr) {
            try {
                return evaluator.fields().isTrue(expr, trace, span, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
            } catch (EvaluationFailure e) {
                return false;
            }
        }

        /**
         * The span's attributes {@code compare()} groups, named as series labels: what Tempo's "select all" fetches
         * of a span, its scope, resource and trace, less the durations and identifiers it skips (docs/traceql.md §
         * "compare()"): {@code rootName}, {@code rootServiceName}; the resource's attributes ({@code
         * resource.service.name} always, "" where the resource has none, as its vParquet column is required);
         * {@code instrumentation:name}, {@code instrumentation:version} and the scope's attributes; {@code name},
         * {@code status}, {@code statusMessage}, {@code kind}, {@code span:childCount} where the block stores it
         * (vParquet5) and the span's attributes. A name repeated in one attribute list counts once (the first);
         * nil values are left out. Each value comes as its group key; {@link #comparedLabel} makes its label (once per
         * new value, not per span).
         */
        public void forEachComparedAttribute(boolean childCount, BiConsumer<String, Object> sink) {
            intrinsic(Intrinsic.ROOT_NAME, sink);
            intrinsic(Intrinsic.ROOT_SERVICE, sink);
            boolean serviceName = attributes(AttributeScope.RESOURCE, trace.resources[span].getAttributesList(), sink);
            if (!serviceName) sink.accept(attributeName(AttributeScope.RESOURCE, "service.name"), compared(new FieldValue.StringValue("")));
            intrinsic(Intrinsic.INSTRUMENTATION_NAME, sink);
            intrinsic(Intrinsic.INSTRUMENTATION_VERSION, sink);
            attributes(AttributeScope.INSTRUMENTATION, trace.scopes[span].getAttributesList(), sink);
            intrinsic(Intrinsic.NAME, sink);
            intrinsic(Intrinsic.STATUS, sink);
            intrinsic(Intrinsic.STATUS_MESSAGE, sink);
            intrinsic(Intrinsic.KIND, sink);
            if (childCount) intrinsic(Intrinsic.CHILD_COUNT, sink);
            attributes(AttributeScope.SPAN, span().getAttributesList(), sink);
        }

        private void intrinsic(Intrinsic intrinsic, BiConsumer<String, Object> sink) {
            FieldValue value = evaluator.fields().intrinsic(intrinsic, trace, span, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
            if (!value.isNil()) sink.accept(intrinsic.tempoName(), compared(value));
        }

        /** Returns whether the list has {@code service.name}. */
        private boolean attributes(AttributeScope scope, List<KeyValue> attributes, BiConsumer<String, Object> sink) {
            boolean serviceName = false;
            int count = attributes.size();
            if (keys.length < count) keys = new String[Math.max(count, 2 * keys.length)];
            for (int i = 0; i < count; i++) {
                KeyValue kv = attributes.get(i);
                String key = kv.getKey();
                keys[i] = key;
                if (repeated(keys, i)) continue;
                serviceName |= key.equals("service.name");
                FieldValue value = FieldValue.of(kv.getValue());
                if (!value.isNil()) sink.accept(attributeName(scope, key), compared(value));
            }
            return serviceName;
        }

        @Override
        FieldValue value(FieldRef field) {
            return evaluator.fields().evaluate(field, trace, span, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
        }
    }

    /** Whether an earlier attribute of the list has the same name as the {@code i}th (lists are short: no set per span). */
    private static boolean repeated(String[] keys, int i) {
        for (int j = 0; j < i; j++) {
            if (keys[j].equals(keys[i])) return true;
        }
        return false;
    }

    private String attributeName(AttributeScope scope, String key) {
        Map<String, String> names = attributeNames.get(scope);
        if (names == null) {
            names = new HashMap<>();
            attributeNames.put(scope, names);
        }
        String name = names.get(key);
        if (name == null) {
            name = TempoNames.field(new AttributeField(scope, false, key, SourceRange.NONE));
            names.put(key, name);
        }
        return name;
    }

    /**
     * A value as {@code compare()}'s series carry it after Tempo's frontend has merged them, as a group key: statuses
     * and kinds as their words, arrays as the string "nil" (the frontend reads an array label back as nil), other
     * values as they are, grouped by type and value.
     */
    private static FieldValue compared(FieldValue value) {
        return switch (value) {
            case FieldValue.StatusValue s -> new FieldValue.StringValue(TempoNames.text(s));
            case FieldValue.KindValue k -> new FieldValue.StringValue(TempoNames.text(k));
            case FieldValue.ArrayValue ignored -> new FieldValue.StringValue("nil");
            default -> value;
        };
    }

    /** The series label of a group key {@link Matched#forEachComparedAttribute} gave. */
    public static AnyValue comparedLabel(Object key) {
        return TraceQlSearch.anyValue((FieldValue) key);
    }
}
