package io.pqflux.tempo.query.internal.search;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.query.TraceSearchResult;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.AttributeOwner;
import io.pqflux.tempo.internal.assembly.TraceColumns;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.assembly.EvaluationFields;
import io.pqflux.traceql.internal.IntrinsicField;
import io.pqflux.traceql.internal.SpansetOp;
import io.pqflux.filter.Predicate;
import io.pqflux.schema.MessageSchema;
import io.pqflux.traceql.internal.Aggregate;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.AttributeScope;
import io.pqflux.traceql.internal.BinaryExpr;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.GroupBy;
import io.pqflux.traceql.internal.Hint;
import io.pqflux.traceql.internal.Literal;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.internal.ScalarExpr;
import io.pqflux.traceql.internal.ScalarFilter;
import io.pqflux.traceql.internal.ScalarOperation;
import io.pqflux.traceql.internal.ScalarPipeline;
import io.pqflux.traceql.internal.Select;
import io.pqflux.traceql.internal.SpansetExpr;
import io.pqflux.traceql.internal.SpansetFilter;
import io.pqflux.traceql.internal.SpansetOperation;
import io.pqflux.traceql.internal.Stage;
import io.pqflux.traceql.internal.StaticValue;
import io.pqflux.traceql.internal.SubPipeline;
import io.pqflux.traceql.internal.TraceQlParser;
import io.pqflux.traceql.internal.TraceQlValidator;
import io.pqflux.traceql.internal.UnaryExpr;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.pqflux.traceql.internal.Coalesce;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A TraceQL search query, parsed and checked once, run trace by trace: its spansets become a search result in Tempo's
 * shape, each returned span with the attributes the query's conditions read and the fields it selects. Reads the
 * columns its evaluation needs ({@link #evaluationFields()}), then for the matching traces what the results hold
 * ({@link #resultFields()}).
 */
public final class TraceQlSearch {

    private final String text;
    private final Query query;
    /** Attributes the query's filters read (reported with each result span, as Tempo returns what it fetched). */
    private final List<AttributeField> conditions;
    /** The {@code select()}ed fields, anywhere in the pipeline, each once. */
    private final List<FieldRef> selected;
    /** What the query's evaluation reads of a trace: a first pass reads only this. */
    private final EvaluationFields evaluationFields;
    /** What a trace's spans must hold for the first stage to yield a spanset; null when columns cannot tell. */
    private final SpansetNeeds needs;
    /**
     * The first stage, when a batch's columns can answer the whole query ({@link #columnFilter}): a spanset filter of
     * span and resource fields, then only stages that read fields of single spans; null otherwise.
     */
    private final SpansetFilter columnFilter;
    /** The fields the later stages read (aggregated, grouped by), when {@link #columnFilter} is set. */
    private final List<FieldRef> laterFields;
    /**
     * The pipeline, when a batch's columns can run it though not span by span (no {@link #columnFilter}): structural
     * operators, spanset {@code &&} and {@code ||}, filters after the first; null otherwise.
     */
    private final ColumnPipeline columnPipeline;
    private final boolean mostRecent;

    private TraceQlSearch(String text, Query query) {
        this.text = text;
        this.query = query;
        Set<FieldRef> conditionFields = new LinkedHashSet<>();
        Set<FieldRef> allFields = new LinkedHashSet<>();
        Set<FieldRef> selectFields = new LinkedHashSet<>();
        pipelineFields(query.pipeline(), conditionFields, allFields, selectFields);
        List<AttributeField> report = new ArrayList<>();
        for (FieldRef field : conditionFields) {
            if (field instanceof AttributeField a && !a.parent() && a.scope() != AttributeScope.EVENT
                    && a.scope() != AttributeScope.LINK) {
                report.add(a);
            }
        }
        this.conditions = List.copyOf(report);
        this.selected = List.copyOf(selectFields);
        this.evaluationFields = evaluationFields(allFields, readsStructure(query.pipeline()));
        this.needs = SpansetNeeds.of(query.pipeline());
        List<FieldRef> later = new ArrayList<>();
        this.columnFilter = columnFilter(query.pipeline(), later);
        this.laterFields = List.copyOf(later);
        this.columnPipeline = columnFilter == null ? ColumnPipeline.of(query.pipeline()) : null;
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
        return new TraceQlSearch(text, query);
    }

    /** The preset whose traces hold everything the query reads: the span preset when it reads no attribute. */
    public TracePreset preset() {
        return evaluationFields.owners().isEmpty() ? TracePreset.SPANS : TracePreset.FULL;
    }

    /**
     * What a trace must hold for the query to match it, over the columns of the file {@code mapper} reads: a
     * pruning-only predicate ({@link SearchPruning}), or null when the query gives none.
     */
    public Predicate pruning(TraceMapper mapper, MessageSchema schema) {
        return pruning(query.pipeline(), mapper, schema);
    }

    /** What evaluating the query reads of a trace (see {@link EvaluationFields}). */
    public EvaluationFields evaluationFields() {
        return evaluationFields;
    }

    /**
     * What its results need besides: each returned span's ID, name, start and duration (the attributes it reports are
     * among the evaluated ones), so a second pass reads no event, link or status it does not return.
     */
    public EvaluationFields resultFields() {
        Set<String> spanLeaves = new HashSet<>(evaluationFields.spanLeaves());
        spanLeaves.addAll(List.of("SpanID", "Name", "StartTimeUnixNano", "DurationNano"));
        return new EvaluationFields(evaluationFields.attributes(), spanLeaves, evaluationFields.events(),
                evaluationFields.links(), evaluationFields.scopes());
    }

    /**
     * The span leaves a second pass reads to complete the results of the traces the first pass matched (see
     * {@link MatchedTrace}): those of the result fields the evaluation did not read; empty when it read them all. Span start and duration come together, as a span's end time needs both.
     */
    public Set<String> completionLeaves() {
        Set<String> evaluated = evaluationFields.spanLeaves();
        Set<String> spanLeaves = new HashSet<>();
        for (String leaf : List.of("SpanID", "Name")) if (!evaluated.contains(leaf)) spanLeaves.add(leaf);
        List<String> times = List.of("StartTimeUnixNano", "DurationNano");
        if (!evaluated.containsAll(times)) spanLeaves.addAll(times);
        return spanLeaves;
    }

    /**
     * What a metrics query reads of a trace: what evaluating its {@code pipeline} reads, the {@code fields} it groups
     * and aggregates, and the span leaves {@code spanLeaves} besides (a span's start, its ID for exemplars).
     */
    public static EvaluationFields evaluationFields(Pipeline pipeline, Collection<FieldRef> fields, Set<String> spanLeaves) {
        Set<FieldRef> all = new LinkedHashSet<>(fields);
        pipelineFields(pipeline, new LinkedHashSet<>(), all, new LinkedHashSet<>());
        EvaluationFields read = evaluationFields(all, readsStructure(pipeline));
        Set<String> leaves = new HashSet<>(read.spanLeaves());
        leaves.addAll(spanLeaves);
        return new EvaluationFields(read.attributes(), leaves, read.events(), read.links(), read.scopes());
    }

    /** A pruning-only predicate of what a trace must hold for {@code pipeline} to yield a span (null: none). */
    public static Predicate pruning(Pipeline pipeline, TraceMapper mapper, MessageSchema schema) {
        return SearchPruning.of(pipeline, mapper, schema);
    }

    private static EvaluationFields evaluationFields(Set<FieldRef> fields, boolean structure) {
        Map<AttributeOwner, Set<String>> named = new EnumMap<>(AttributeOwner.class);
        for (FieldRef field : fields) {
            if (field instanceof AttributeField a) {
                for (AttributeOwner owner : ownersOf(a.scope())) {
                    named.computeIfAbsent(owner, o -> new HashSet<>()).add(a.name());
                }
            }
        }
        AttributeKeys attributes = AttributeKeys.named(named);
        Set<String> spanLeaves = new HashSet<>();
        boolean events = false;
        boolean links = false;
        boolean scopes = false;
        for (FieldRef field : fields) {
            switch (field) {
                case AttributeField a -> {
                    structure |= a.parent();
                    events |= a.scope() == AttributeScope.EVENT;
                    links |= a.scope() == AttributeScope.LINK;
                    scopes |= a.scope() == AttributeScope.INSTRUMENTATION;
                }
                case IntrinsicField i -> {
                    switch (i.intrinsic()) {
                        case NAME -> spanLeaves.add("Name");
                        case STATUS -> spanLeaves.add("StatusCode");
                        case STATUS_MESSAGE -> spanLeaves.add("StatusMessage");
                        case KIND -> spanLeaves.add("Kind");
                        case DURATION -> spanLeaves.addAll(List.of("StartTimeUnixNano", "DurationNano"));
                        case SPAN_ID -> spanLeaves.add("SpanID");
                        case PARENT_ID -> spanLeaves.add("ParentSpanID");
                        case CHILD_COUNT, NESTED_SET_LEFT, NESTED_SET_RIGHT, NESTED_SET_PARENT, PARENT -> structure = true;
                        case EVENT_NAME, EVENT_TIME_SINCE_START -> {
                            events = true;
                            spanLeaves.add("StartTimeUnixNano");
                        }
                        case LINK_TRACE_ID, LINK_SPAN_ID -> links = true;
                        case INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION -> scopes = true;
                        case TRACE_DURATION, ROOT_NAME, ROOT_SERVICE, TRACE_ID -> {
                        }
                    }
                }
            }
        }
        // nested sets are numbered from span and parent IDs, and kinds (a Zipkin client and server share an ID)
        if (structure) spanLeaves.addAll(List.of("SpanID", "ParentSpanID"));
        return new EvaluationFields(attributes, spanLeaves, events, links, scopes);
    }

    /** Whether a structural operator relates spans anywhere in the pipeline. */
    static boolean readsStructure(Pipeline pipeline) {
        for (Stage stage : pipeline.stages()) {
            boolean structural = switch (stage) {
                case SpansetExpr expr -> readsStructure(expr);
                case ScalarFilter filter -> readsStructure(filter.lhs()) || readsStructure(filter.rhs());
                default -> false;
            };
            if (structural) return true;
        }
        return false;
    }

    private static boolean readsStructure(SpansetExpr expr) {
        return switch (expr) {
            case SpansetFilter ignored -> false;
            case SubPipeline sub -> readsStructure(sub.pipeline());
            case SpansetOperation operation -> (operation.op() != SpansetOp.AND && operation.op() != SpansetOp.OR)
                    || readsStructure(operation.lhs()) || readsStructure(operation.rhs());
        };
    }

    private static boolean readsStructure(ScalarExpr expr) {
        return switch (expr) {
            case ScalarPipeline pipeline -> readsStructure(pipeline.pipeline());
            case ScalarOperation operation -> readsStructure(operation.lhs()) || readsStructure(operation.rhs());
            default -> false;
        };
    }

    /** The owners an attribute of {@code scope} is looked up in; unscoped: the span's, then the resource's. */
    private static Set<AttributeOwner> ownersOf(AttributeScope scope) {
        return switch (scope) {
            case NONE -> EnumSet.of(AttributeOwner.SPAN, AttributeOwner.RESOURCE);
            case SPAN -> EnumSet.of(AttributeOwner.SPAN);
            case RESOURCE -> EnumSet.of(AttributeOwner.RESOURCE);
            case EVENT -> EnumSet.of(AttributeOwner.EVENT);
            case LINK -> EnumSet.of(AttributeOwner.LINK);
            case INSTRUMENTATION -> EnumSet.of(AttributeOwner.SCOPE);
        };
    }

    /**
     * The first stage of a pipeline that a batch's columns can answer, its later stages' fields added to
     * {@code later}; null when they cannot. Such a pipeline's first stage is a filter of span intrinsics with a column
     * of their own and span or resource attributes ({@link ColumnSpans#answers(FieldExpr)}), decided span by span;
     * every later stage is an aggregate compared with a literal, a {@code by()} or a {@code coalesce()}, reading only
     * such fields of single spans. No {@code select()}: it reads whatever the span holds.
     */
    private static SpansetFilter columnFilter(Pipeline pipeline, List<FieldRef> later) {
        List<Stage> stages = pipeline.stages();
        if (!(stages.getFirst() instanceof SpansetFilter filter) || !ColumnSpans.answers(filter.expr())) return null;
        for (Stage stage : stages.subList(1, stages.size())) {
            if (!PipelineEvaluator.readsSpansOnly(stage)) return null;
            switch (stage) {
                case ScalarFilter f -> {
                    if (!(f.lhs() instanceof Aggregate aggregate) || !(f.rhs() instanceof Literal)) return null;
                    if (aggregate.argument() != null) later.addAll(fieldRefs(aggregate.argument()));
                }
                case GroupBy by -> later.addAll(fieldRefs(by.expr()));
                default -> {
                }
            }
        }
        return later.stream().allMatch(ColumnSpans::answers) ? filter : null;
    }

    /** {@code with(most_recent=true)}: the most recent traces, not the first found. */
    public boolean mostRecent() {
        return mostRecent;
    }

    /** A matcher for one block's scan (its compiled regexes are reused from trace to trace). */
    public Matcher matcher(SearchRequest request, SearchCounters counters) {
        return new Matcher(request.spansPerSpanSet(), counters);
    }

    /** Where a match found in a batch's columns goes ({@link Matcher#matchColumns}). */
    public interface MatchSink {
        void accept(int rowGroup, long row, MatchedTrace match);
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

        /**
         * Whether the trace in each row of {@code batch} (a row of the batch, not of its selection) may match, asked of
         * its span columns ({@link SpansetNeeds}); null when they cannot tell, every row a candidate. A row it rejects
         * cannot match: its trace need not be assembled.
         *
         * @param keys the attributes the batch was read with
         */
        public IntPredicate candidates(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys) {
            return needs == null ? null : needs.rows(mapper, batch, keys, evaluator.fields());
        }

        /**
         * The matches among the batch's rows (its selected rows) that {@code candidates} accepts (the others cannot
         * match), decided on its columns without assembling a trace:
         * each handed to {@code sink} in batch order, with its row group and its row there, every row's spans counted
         * as inspected. Only for a query whose pipeline the columns can answer ({@link #columnFilter},
         * {@link #columnPipeline}); returns false, having handed and counted nothing, when the query or the batch
         * cannot be answered so (a column not read, or the evaluation failing at a span or trace, where the assembled
         * path reports the query's error): its traces must be assembled.
         *
         * @param keys the attributes the batch was read with
         * @throws TraceQlException of reason {@code EVALUATION_ERROR} where Tempo fails the search on a trace
         */
        public boolean matchColumns(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys,
                                    CandidateRows candidates, MatchSink sink) {
            if (columnFilter == null) return columnPipeline != null && matchPipeline(mapper, batch, keys, candidates, sink);
            ColumnSpans spans = ColumnSpans.ofSearch(mapper, batch, keys, columnFilter.expr(), laterFields,
                    candidates::test, evaluator.fields());
            if (spans == null) return false;
            TraceColumns traces = mapper.traceColumns(batch);
            for (int i = 0, rows = spans.rowCount(); i < rows; i++) {
                int row = spans.row(i);
                long range = spans.spanSlots(row);
                int first = (int) (range >>> 32), end = (int) range;
                counters.trace(end - first);
                // none in a row the candidates ruled out: it was not decided
                int[] matching = spans.matched(first, end);
                if (matching.length == 0) continue;
                List<Spanset> sets = evaluator.evaluateLaterStages(text, query.pipeline(), spans, Spanset.of(matching));
                if (sets.isEmpty()) continue;
                List<MatchedTrace.Set> spanSets = new ArrayList<>(sets.size());
                for (Spanset set : sets) spanSets.add(spanSet(set, spans, first, spans::span, null));
                sink.accept(batch.rowGroup(), batch.rowGroupRow(row), new MatchedTrace(traces, row, end - first, spanSets));
            }
            return true;
        }

        /**
         * {@link #matchColumns} for a pipeline the columns answer but not span by span ({@link #columnPipeline}):
         * the trace of each row {@code candidates} accepts evaluated whole on its span columns, by the same evaluator
         * as an assembled trace. Every row is evaluated before any is handed on
         * or counted, so a failure at one declines the batch whole.
         */
        private boolean matchPipeline(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys,
                                      CandidateRows candidates, MatchSink sink) {
            ColumnSpans spans = ColumnSpans.ofPipeline(mapper, batch, keys, columnPipeline, evaluator.fields());
            // no SpansetNeeds first: it would evaluate the same filters at the same spans, on a ColumnSpans of its own
            List<List<Spanset>> matches = spans == null ? null : spans.yielded(columnPipeline, evaluator, candidates::test);
            if (matches == null) return false;
            int rows = spans.rowCount();
            TraceColumns traces = mapper.traceColumns(batch);
            for (int i = 0; i < rows; i++) {
                int row = spans.row(i);
                long range = spans.spanSlots(row);
                int first = (int) (range >>> 32), end = (int) range;
                counters.trace(end - first);
                List<Spanset> sets = matches.get(i);
                if (sets.isEmpty()) continue;
                ColumnTrace trace = new ColumnTrace(spans, first, end);
                List<MatchedTrace.Set> spanSets = new ArrayList<>(sets.size());
                for (Spanset set : sets) spanSets.add(spanSet(set, trace, 0, s -> spans.span(first + s), null));
                sink.accept(batch.rowGroup(), batch.rowGroupRow(row), new MatchedTrace(traces, row, end - first, spanSets));
            }
            return true;
        }

        /** Counts a trace the first pass ruled out from its columns ({@link CandidateRows}) as inspected. */
        public void ruledOut(int spanCount) {
            counters.trace(spanCount);
        }

        /**
         * The trace as a search result, when the query matches it.
         *
         * @throws TraceQlException of reason {@code EVALUATION_ERROR} where Tempo fails the search on this trace
         */
        public Optional<TraceSearchResult> match(Trace trace) {
            return evaluate(trace).map(MatchedTrace::result);
        }

        /**
         * The trace evaluated, when the query matches it: its result once a second read has given the returned spans
         * the fields the trace lacks ({@link MatchedTrace#result(java.util.function.IntFunction)}).
         *
         * @throws TraceQlException of reason {@code EVALUATION_ERROR} where Tempo fails the search on this trace
         */
        public Optional<MatchedTrace> evaluate(Trace trace) {
            TraceSpans spans = new TraceSpans(trace);
            counters.trace(spans.size());
            List<Spanset> sets = evaluator.evaluateQuery(text, query.pipeline(), spans);
            if (sets.isEmpty()) return Optional.empty();
            List<MatchedTrace.Set> spanSets = new ArrayList<>(sets.size());
            for (Spanset set : sets) spanSets.add(spanSet(set, spans, 0, s -> spans.spans[s], spans));
            return Optional.of(new MatchedTrace(trace, spanSets));
        }

        /**
         * A spanset's first spans in stored order, with what the query read and selected, and its attributes.
         *
         * @param fields   the spans' fields, the trace's first span at index {@code first}
         * @param span     the span at an index of {@code fields}
         * @param assembled the assembled trace the selected fields are read from; null for a query that selects none
         */
        private MatchedTrace.Set spanSet(Spanset set, SpanFields fields, int first, IntFunction<Span> span,
                                         TraceSpans assembled) {
            int[] ordered = set.spans().clone();
            Arrays.sort(ordered);
            List<MatchedTrace.Returned> spans = new ArrayList<>();
            for (int i = 0; i < ordered.length && spans.size() < spansPerSpanSet; i++) {
                int s = ordered[i];
                List<KeyValue> attributes = new ArrayList<>();
                for (AttributeField field : conditions) {
                    FieldValue value = evaluator.fields().evaluate(field, fields, s, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
                    if (!value.isNil()) attributes.add(keyValue(field.name(), value));
                }
                if (!selected.isEmpty()) {
                    SelectedFields.report(selected, assembled, s, evaluator.fields(),
                            (name, value) -> attributes.add(keyValue(name, value)));
                }
                spans.add(new MatchedTrace.Returned(s - first, span.apply(s), List.copyOf(attributes)));
            }
            List<KeyValue> attributes = new ArrayList<>();
            for (Spanset.Attribute a : set.attributes()) attributes.add(keyValue(a.name(), a.value()));
            return new MatchedTrace.Set(spans, set.size(), List.copyOf(attributes));
        }
    }

    /** A value as Tempo's {@code AsAnyValue} gives it: durations in Go's text, statuses and kinds as words, nil "nil". */
    private static KeyValue keyValue(String key, FieldValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(anyValue(value)).build();
    }

    static AnyValue anyValue(FieldValue value) {
        AnyValue.Builder any = AnyValue.newBuilder();
        switch (value) {
            case FieldValue.IntValue(long v) -> any.setIntValue(v);
            case FieldValue.FloatValue(double v) -> any.setDoubleValue(v);
            case FieldValue.BoolValue(boolean v) -> any.setBoolValue(v);
            case FieldValue.StringValue(String v) -> any.setStringValue(v);
            case FieldValue.ArrayValue array -> {
                ArrayValue.Builder elements = ArrayValue.newBuilder();
                for (FieldValue element : array.elements()) elements.addValues(anyValue(element));
                any.setArrayValue(elements);
            }
            default -> any.setStringValue(TempoNames.text(value));
        }
        return any.build();
    }

    // --- the fields a query reads: conditions (reported with the spans), selected, and everything (for the preset) ---

    static void pipelineFields(Pipeline pipeline, Set<FieldRef> conditions, Set<FieldRef> all, Set<FieldRef> selected) {
        for (Stage stage : pipeline.stages()) {
            switch (stage) {
                case SpansetExpr expr -> spansetFields(expr, conditions, all, selected);
                case ScalarFilter filter -> {
                    scalarFields(filter.lhs(), all, selected);
                    scalarFields(filter.rhs(), all, selected);
                }
                case GroupBy by -> fieldRefs(by.expr(), all);
                case Select select -> {
                    all.addAll(select.fields());
                    selected.addAll(select.fields());
                }
                case Coalesce ignored -> {
                }
            }
        }
    }

    private static void spansetFields(SpansetExpr expr, Set<FieldRef> conditions, Set<FieldRef> all, Set<FieldRef> selected) {
        switch (expr) {
            case SpansetFilter filter -> {
                fieldRefs(filter.expr(), conditions);
                fieldRefs(filter.expr(), all);
            }
            case SpansetOperation operation -> {
                spansetFields(operation.lhs(), conditions, all, selected);
                spansetFields(operation.rhs(), conditions, all, selected);
            }
            case SubPipeline sub -> pipelineFields(sub.pipeline(), conditions, all, selected);
        }
    }

    private static void scalarFields(ScalarExpr expr, Set<FieldRef> all, Set<FieldRef> selected) {
        switch (expr) {
            case Aggregate aggregate when aggregate.argument() != null -> fieldRefs(aggregate.argument(), all);
            case ScalarOperation operation -> {
                scalarFields(operation.lhs(), all, selected);
                scalarFields(operation.rhs(), all, selected);
            }
            case ScalarPipeline pipeline -> pipelineFields(pipeline.pipeline(), new LinkedHashSet<>(), all, selected);
            default -> {
            }
        }
    }

    /** The fields {@code expr} reads, each once, in the order it names them. */
    public static Set<FieldRef> fieldRefs(FieldExpr expr) {
        Set<FieldRef> fields = new LinkedHashSet<>();
        fieldRefs(expr, fields);
        return fields;
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
}
