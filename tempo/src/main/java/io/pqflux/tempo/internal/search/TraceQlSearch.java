package io.pqflux.tempo.internal.search;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.SearchRequest;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceQlException;
import io.pqflux.tempo.TraceSearchResult;
import io.pqflux.tempo.internal.traceql.Aggregate;
import io.pqflux.tempo.internal.traceql.AttributeField;
import io.pqflux.tempo.internal.traceql.AttributeScope;
import io.pqflux.tempo.internal.traceql.BinaryExpr;
import io.pqflux.tempo.internal.traceql.FieldExpr;
import io.pqflux.tempo.internal.traceql.FieldRef;
import io.pqflux.tempo.internal.traceql.GroupBy;
import io.pqflux.tempo.internal.traceql.Hint;
import io.pqflux.tempo.internal.traceql.IntrinsicField;
import io.pqflux.tempo.internal.traceql.Literal;
import io.pqflux.tempo.internal.traceql.Pipeline;
import io.pqflux.tempo.internal.traceql.Query;
import io.pqflux.tempo.internal.traceql.ScalarExpr;
import io.pqflux.tempo.internal.traceql.ScalarFilter;
import io.pqflux.tempo.internal.traceql.ScalarOperation;
import io.pqflux.tempo.internal.traceql.ScalarPipeline;
import io.pqflux.tempo.internal.traceql.Select;
import io.pqflux.tempo.internal.traceql.SpansetExpr;
import io.pqflux.tempo.internal.traceql.SpansetFilter;
import io.pqflux.tempo.internal.traceql.SpansetOperation;
import io.pqflux.tempo.internal.traceql.Stage;
import io.pqflux.tempo.internal.traceql.StaticValue;
import io.pqflux.tempo.internal.traceql.SubPipeline;
import io.pqflux.tempo.internal.traceql.TraceQlParser;
import io.pqflux.tempo.internal.traceql.TraceQlValidator;
import io.pqflux.tempo.internal.traceql.UnaryExpr;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A TraceQL search query, parsed and checked once, run trace by trace: its spansets become a search result in Tempo's
 * shape, each returned span with the attributes the query's conditions read and the fields it selects. Reads the
 * {@link TracePreset#SPANS} columns when the query touches no attribute, every column otherwise.
 */
public final class TraceQlSearch {

    private static final HexFormat HEX = HexFormat.of();

    private final Query query;
    private final List<FieldRef> reported;
    private final boolean readsAttributes;
    private final boolean mostRecent;

    private TraceQlSearch(Query query) {
        this.query = query;
        Set<FieldRef> conditionFields = new LinkedHashSet<>();
        Set<FieldRef> allFields = new LinkedHashSet<>();
        pipelineFields(query.pipeline(), conditionFields, allFields);
        List<FieldRef> report = new ArrayList<>();
        for (FieldRef field : conditionFields) {
            if (field instanceof AttributeField a && a.scope() != AttributeScope.EVENT && a.scope() != AttributeScope.LINK) {
                report.add(field);
            }
        }
        for (FieldRef field : allFields) {
            if (!report.contains(field) && isSelected(query.pipeline(), field)) report.add(field);
        }
        this.reported = List.copyOf(report);
        this.readsAttributes = allFields.stream().anyMatch(f -> f instanceof AttributeField);
        boolean recent = false;
        for (Hint hint : query.hints()) {
            if (hint.key().equals("most_recent")) recent = hint.value() instanceof StaticValue.BooleanValue(boolean b) && b;
        }
        this.mostRecent = recent;
    }

    /**
     * @throws TraceQlException for text that is not TraceQL, a query Tempo rejects, an unsupported construct, or a
     *     metrics query (search takes spanset queries only)
     */
    public static TraceQlSearch compile(String text) {
        Query query = TraceQlParser.parse(text);
        TraceQlValidator.validate(text, query);
        if (query.metrics() != null) {
            throw new TraceQlException(TraceQlException.Reason.UNSUPPORTED, text, query.metrics().range().start(),
                    "a metrics query: search runs spanset queries; metrics queries go to query_range");
        }
        return new TraceQlSearch(query);
    }

    /** The columns a search reads. */
    public TracePreset preset() {
        return readsAttributes ? TracePreset.FULL : TracePreset.SPANS;
    }

    /** {@code with(most_recent=true)}: the most recent traces, not the first found. */
    public boolean mostRecent() {
        return mostRecent;
    }

    /** A matcher for one block's scan (its compiled regexes are reused from trace to trace). */
    public Matcher matcher(SearchRequest request, SearchCounters counters) {
        return new Matcher(request.spansPerSpanSet(), counters);
    }

    /** Runs the query on traces, one at a time (a block's traces arrive in order, never two at once). */
    public final class Matcher {
        private final PipelineEvaluator evaluator = new PipelineEvaluator();
        private final int spansPerSpanSet;
        private final SearchCounters counters;

        private Matcher(int spansPerSpanSet, SearchCounters counters) {
            this.spansPerSpanSet = spansPerSpanSet;
            this.counters = counters;
        }

        /** The trace as a search result, when the query matches it. */
        public Optional<TraceSearchResult> match(Trace trace) {
            TraceSpans spans = new TraceSpans(trace);
            counters.trace(spans.size());
            List<Spanset> sets = evaluator.evaluate(query.pipeline(), spans);
            if (sets.isEmpty()) return Optional.empty();
            List<TraceSearchResult.SpanSet> spanSets = new ArrayList<>(sets.size());
            for (Spanset set : sets) spanSets.add(spanSet(set, spans));
            return Optional.of(new TraceSearchResult(TraceSearchResult.traceIdHex(trace.traceId()), trace.rootServiceName(),
                    trace.rootSpanName(), trace.startTimeUnixNano(), trace.durationNano() / 1_000_000, spanSets,
                    trace.serviceStats()));
        }

        private TraceSearchResult.SpanSet spanSet(Spanset set, TraceSpans trace) {
            List<TraceSearchResult.MatchedSpan> spans = new ArrayList<>();
            for (int s = set.spans().nextSetBit(0); s >= 0 && spans.size() < spansPerSpanSet; s = set.spans().nextSetBit(s + 1)) {
                Span span = trace.spans[s];
                List<KeyValue> attributes = new ArrayList<>();
                for (FieldRef field : reported) {
                    StaticValue value = evaluator.fields().field(field, trace, s);
                    if (value != null) attributes.add(keyValue(name(field), value));
                }
                spans.add(new TraceSearchResult.MatchedSpan(HEX.formatHex(span.getSpanId().toByteArray()), span.getName(),
                        span.getStartTimeUnixNano(), span.getEndTimeUnixNano() - span.getStartTimeUnixNano(), attributes));
            }
            List<KeyValue> attributes = new ArrayList<>();
            for (Map.Entry<String, StaticValue> e : set.attributes().entrySet()) attributes.add(keyValue(e.getKey(), e.getValue()));
            return new TraceSearchResult.SpanSet(spans, set.size(), attributes);
        }
    }

    private static String name(FieldRef field) {
        return switch (field) {
            case AttributeField a -> a.name();
            case IntrinsicField i -> i.intrinsic().text();
        };
    }

    /** A value as an OTLP attribute: strings, ints, floats and booleans as such, the rest as their TraceQL words. */
    private static KeyValue keyValue(String key, StaticValue value) {
        AnyValue.Builder any = AnyValue.newBuilder();
        switch (value) {
            case StaticValue.StringValue(String v) -> any.setStringValue(v);
            case StaticValue.IntValue(long v) -> any.setIntValue(v);
            case StaticValue.FloatValue(double v) -> any.setDoubleValue(v);
            case StaticValue.BooleanValue(boolean v) -> any.setBoolValue(v);
            case StaticValue.DurationValue(long nanos) -> any.setIntValue(nanos);
            case StaticValue.StatusValue(var status) -> any.setStringValue(status.keyword());
            case StaticValue.KindValue(var kind) -> any.setStringValue(kind.keyword());
        }
        return KeyValue.newBuilder().setKey(key).setValue(any).build();
    }

    // --- the fields a query reads: conditions (reported with the spans), and everything (for the preset) ---

    private static void pipelineFields(Pipeline pipeline, Set<FieldRef> conditions, Set<FieldRef> all) {
        for (Stage stage : pipeline.stages()) {
            switch (stage) {
                case SpansetExpr expr -> spansetFields(expr, conditions, all);
                case ScalarFilter filter -> {
                    scalarFields(filter.lhs(), all);
                    scalarFields(filter.rhs(), all);
                }
                case GroupBy by -> fieldRefs(by.expr(), all);
                case Select select -> all.addAll(select.fields());
                default -> {
                }
            }
        }
    }

    private static void spansetFields(SpansetExpr expr, Set<FieldRef> conditions, Set<FieldRef> all) {
        switch (expr) {
            case SpansetFilter filter -> {
                fieldRefs(filter.expr(), conditions);
                fieldRefs(filter.expr(), all);
            }
            case SpansetOperation operation -> {
                spansetFields(operation.lhs(), conditions, all);
                spansetFields(operation.rhs(), conditions, all);
            }
            case SubPipeline sub -> pipelineFields(sub.pipeline(), conditions, all);
        }
    }

    private static void scalarFields(ScalarExpr expr, Set<FieldRef> all) {
        switch (expr) {
            case Aggregate aggregate when aggregate.argument() != null -> fieldRefs(aggregate.argument(), all);
            case ScalarOperation operation -> {
                scalarFields(operation.lhs(), all);
                scalarFields(operation.rhs(), all);
            }
            case ScalarPipeline pipeline -> pipelineFields(pipeline.pipeline(), new LinkedHashSet<>(), all);
            default -> {
            }
        }
    }

    private static void fieldRefs(FieldExpr expr, Set<FieldRef> into) {
        switch (expr) {
            case FieldRef ref -> into.add(ref); // ranges never tell nodes apart (SourceRange)
            case UnaryExpr unary -> fieldRefs(unary.operand(), into);
            case BinaryExpr binary -> {
                fieldRefs(binary.lhs(), into);
                fieldRefs(binary.rhs(), into);
            }
            case Literal ignored -> {
            }
        }
    }

    private static boolean isSelected(Pipeline pipeline, FieldRef field) {
        for (Stage stage : pipeline.stages()) {
            if (stage instanceof Select select && select.fields().contains(field)) {
                return true;
            }
        }
        return false;
    }

}
