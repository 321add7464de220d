package io.pqflux.tempo.query.internal.search;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.nested.NestedColumn;
import io.pqflux.nested.SlotReader;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.ColumnPaths;
import io.pqflux.tempo.internal.assembly.SlotAttributes;
import io.pqflux.tempo.internal.assembly.SpanColumns;
import io.pqflux.tempo.internal.assembly.TraceColumns;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.assembly.TraceRows;
import io.pqflux.traceql.internal.AttributeField;
import io.pqflux.traceql.internal.AttributeScope;
import io.pqflux.traceql.internal.BinaryExpr;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.FieldRef;
import io.pqflux.traceql.internal.Intrinsic;
import io.pqflux.traceql.internal.IntrinsicField;
import io.pqflux.traceql.internal.Literal;
import io.pqflux.traceql.internal.Pipeline;
import io.pqflux.traceql.internal.SpansetFilter;
import io.pqflux.traceql.internal.UnaryExpr;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * The spans a pipeline yields in a decoded batch, read from the span columns without assembling a trace, for a
 * pipeline whose fields, like those the metrics function reads, are span intrinsics every format stores in a column
 * of its own ({@link #READS}) or attributes of the span or its resource. A pipeline of one spanset filter is decided
 * span by span with no other span's help ({@link #of}); any other such pipeline runs whole on each row's spans
 * ({@link ColumnPipeline}, {@link ColumnTrace}, {@link #forEachYielded}), its nested sets numbered from the ID
 * columns. Either way evaluating it on columns is evaluating it on the assembled trace: the same
 * {@link FieldEvaluator} and {@link PipelineEvaluator} with the same operators, over the same values
 * ({@link SpanColumns} builds spans from these columns; attributes come in the lists the mapper builds for its traces,
 * {@link SlotAttributes}).
 *
 * <p>For {@code compare()} a span also gives what it is grouped by ({@link ComparedAttributes}): its attribute lists,
 * its scope as the mapper builds it, and its trace's root names from their columns.
 *
 * <p>A search whose pipeline the columns answer is decided on them the same way ({@link #ofSearch} or
 * {@link #ofPipeline}, then {@code TraceQlSearch.Matcher.matchColumns}); any other search asks the same columns,
 * before assembling a trace, whether its spans hold what the query's first stage needs ({@link SpansetNeeds}).
 *
 * <p>A batch this class cannot answer exactly (a column missing from it, or the filter failing on one of its spans,
 * where the assembled path reports the query's error or prunes the span's trace away) is declined whole before any
 * span is handed on, so the caller assembles its traces as before.
 */
public final class ColumnSpans implements SpanFields {

    /** The intrinsics read from a column of their own in every format, by span leaf. */
    private static final Map<Intrinsic, String> READS = new EnumMap<>(Map.of(
            Intrinsic.NAME, "Name",
            Intrinsic.STATUS, "StatusCode",
            Intrinsic.STATUS_MESSAGE, "StatusMessage",
            Intrinsic.KIND, "Kind",
            Intrinsic.DURATION, "DurationNano"));
    private static final HexFormat HEX = HexFormat.of();
    private static final int[] NONE = {};

    private final RowGroupBatch batch;
    /** The span structure: a leaf directly below the span element. */
    private final NestedColumn structure;
    private final int spanLevel;
    private final SlotReader traceId, start, spanId, parentSpanId;
    private final Map<Intrinsic, SlotReader> intrinsics = new EnumMap<>(Intrinsic.class);
    /** The spans' and resources' attributes and the spans' scopes; null when no field reads one. */
    private final SlotAttributes attributes;
    /** The spans as the mapper builds them from the span leaves read (no attributes, events or links). */
    private final SpanColumns spanColumns;
    /** The trace-level root names, for compare(). */
    private final SlotReader rootService, rootSpan;
    /** compare()'s attribute walk; null when the batch is not read for compare(). */
    private final ComparedAttributes compared;
    private final FieldEvaluator evaluator;
    /** Whether the filter holds at each span slot of the batch, once {@link #decide decided}. */
    private boolean[] matched;
    private final Cursor cursor = new Cursor();
    /** The filters {@link #holds} has been asked, each compiled once for the batch (by identity: nodes, not text). */
    private final Map<FieldExpr, ColumnFilter.Part> filters = new IdentityHashMap<>();

    private ColumnSpans(RowGroupBatch batch, NestedColumn structure, int spanLevel, Map<String, SlotReader> leaves,
                        String spanPath, SlotAttributes attributes, ComparedAttributes compared, FieldEvaluator evaluator) {
        this.batch = batch;
        this.attributes = attributes;
        this.compared = compared;
        this.evaluator = evaluator;
        this.rootService = leaves.get("RootServiceName");
        this.rootSpan = leaves.get("RootSpanName");
        this.structure = structure;
        this.spanLevel = spanLevel;
        this.traceId = leaves.get(TraceColumns.TRACE_ID);
        this.start = leaves.get(spanPath + "StartTimeUnixNano");
        this.spanId = leaves.get(spanPath + "SpanID");
        this.parentSpanId = leaves.get(spanPath + "ParentSpanID");
        this.spanColumns = SpanColumns.of(leaves, spanPath);
        for (Map.Entry<Intrinsic, String> e : READS.entrySet()) {
            SlotReader leaf = leaves.get(spanPath + e.getValue());
            if (leaf != null) intrinsics.put(e.getKey(), leaf);
        }
    }

    /**
     * Whether {@code pipeline}, and metrics reading {@code fields} of the spans it yields, can run on columns: one
     * spanset filter or a {@link ColumnPipeline}, every field of it and of {@code fields} a span intrinsic with a
     * column of its own or an attribute of the span or its resource (scoped or not).
     */
    public static boolean answers(Pipeline pipeline, Collection<FieldRef> fields) {
        return (oneFilter(pipeline) != null || ColumnPipeline.of(pipeline) != null)
                && fields.stream().allMatch(ColumnSpans::answers);
    }

    /** The pipeline's only stage, when it is a spanset filter the columns answer span by span ({@link #of}); else null. */
    static SpansetFilter oneFilter(Pipeline pipeline) {
        return pipeline.stages().size() == 1 && pipeline.stages().getFirst() instanceof SpansetFilter filter
                && answers(filter.expr()) ? filter : null;
    }

    /**
     * Whether every field {@code expr} reads is a span intrinsic with a column of its own or an attribute of the span
     * or its resource: what a batch holding those columns can answer ({@link #reads}).
     */
    static boolean answers(FieldExpr expr) {
        return reads(expr, READS::containsKey);
    }

    /** Whether every field {@code expr} reads is an intrinsic {@code read} holds or a span or resource attribute. */
    private static boolean reads(FieldExpr expr, Predicate<Intrinsic> read) {
        return switch (expr) {
            case Literal ignored -> true;
            case IntrinsicField i -> read.test(i.intrinsic());
            case AttributeField a -> !a.parent() && (a.scope() == AttributeScope.NONE || a.scope() == AttributeScope.SPAN
                    || a.scope() == AttributeScope.RESOURCE);
            case UnaryExpr u -> reads(u.operand(), read);
            case BinaryExpr b -> reads(b.lhs(), read) && reads(b.rhs(), read);
        };
    }

    /** Whether {@code expr} reads an attribute. */
    static boolean readsAttributes(FieldExpr expr) {
        return switch (expr) {
            case Literal ignored -> false;
            case IntrinsicField ignored -> false;
            case AttributeField ignored -> true;
            case UnaryExpr u -> readsAttributes(u.operand());
            case BinaryExpr b -> readsAttributes(b.lhs()) || readsAttributes(b.rhs());
        };
    }

    /**
     * The batch's spans with the filter {@code expr} decided at each, or null when the batch cannot be answered from
     * its columns: {@code fields}, the metrics' own, must be read, as must span starts, span IDs when
     * {@code spanIds}, and every attribute, the scopes and the root names when {@code compared} (compare()'s).
     */
    static ColumnSpans of(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys, FieldExpr expr,
                          List<FieldRef> fields, boolean spanIds, FieldEvaluator evaluator, ComparedAttributes compared) {
        boolean attributes = compared != null || readsAttributes(expr) || fields.stream().anyMatch(ColumnSpans::readsAttributes);
        ColumnSpans spans = bind(mapper, batch, keys, attributes, compared, evaluator);
        if (!observable(spans, fields, spanIds, compared) || !spans.reads(expr)) return null;
        return spans.decide(expr, row -> true) ? spans : null;
    }

    /**
     * {@link #of} for a pipeline the columns run whole: the batch's spans, or null when it cannot be answered from its
     * columns; the pipeline's spansets come from {@link #forEachYielded}.
     */
    static ColumnSpans ofPipeline(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys, ColumnPipeline pipeline,
                                  List<FieldRef> fields, boolean spanIds, FieldEvaluator evaluator,
                                  ComparedAttributes compared) {
        boolean attributes = compared != null || fields.stream().anyMatch(ColumnSpans::readsAttributes);
        ColumnSpans spans = ofPipeline(mapper, batch, keys, pipeline, attributes, compared, evaluator);
        return observable(spans, fields, spanIds, compared) ? spans : null;
    }

    /** A search's {@link #ofPipeline}: the batch's spans, or null when it cannot run the pipeline on its columns. */
    static ColumnSpans ofPipeline(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys, ColumnPipeline pipeline,
                                  FieldEvaluator evaluator) {
        return ofPipeline(mapper, batch, keys, pipeline, false, null, evaluator);
    }

    private static ColumnSpans ofPipeline(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys,
                                          ColumnPipeline pipeline, boolean attributes, ComparedAttributes compared,
                                          FieldEvaluator evaluator) {
        attributes |= pipeline.fields().stream().anyMatch(ColumnSpans::readsAttributes);
        ColumnSpans spans = bind(mapper, batch, keys, attributes, compared, evaluator);
        if (spans == null || !pipeline.fields().stream().allMatch(spans::reads)
                || pipeline.structural() && !spans.readsStructure()) {
            return null;
        }
        return spans;
    }

    /**
     * Whether the spans can be handed to metrics ({@link #forEach}, {@link #forEachYielded}): {@code fields}, span
     * starts, span IDs when {@code spanIds}, and every attribute, the scopes and the root names when {@code compared}.
     */
    private static boolean observable(ColumnSpans spans, List<FieldRef> fields, boolean spanIds, ComparedAttributes compared) {
        return spans != null && spans.traceId != null && spans.start != null && (!spanIds || spans.spanId != null)
                && (compared == null || spans.rootService != null && spans.rootSpan != null)
                && fields.stream().allMatch(spans::reads);
    }

    /**
     * The spansets {@code pipeline} yields on the trace of each row read ({@link #row}), evaluated whole on its
     * columns ({@link ColumnTrace}); none for a row {@code candidates} rejects. Null when the evaluation fails at a
     * row, where the assembled path reports the query's error: every row is evaluated before the caller hands any on.
     */
    List<List<Spanset>> yielded(ColumnPipeline pipeline, PipelineEvaluator evaluator, IntPredicate candidates) {
        int rows = rowCount();
        List<List<Spanset>> yielded = new ArrayList<>(rows);
        try {
            for (int i = 0; i < rows; i++) {
                int row = row(i);
                long range = spanSlots(row);
                int first = (int) (range >>> 32), end = (int) range;
                yielded.add(first < end && candidates.test(row)
                        ? evaluator.evaluate(pipeline.pipeline(), new ColumnTrace(this, first, end)) : List.of());
            }
        } catch (EvaluationFailure e) {
            return null;
        }
        return yielded;
    }

    /**
     * {@link #forEach} for a pipeline the columns run whole: each span of each spanset it yields on each row's trace
     * (a span in two spansets twice, as an assembled trace's are handed on); false, having handed nothing, when the
     * evaluation fails at a row.
     */
    boolean forEachYielded(ColumnPipeline pipeline, PipelineEvaluator evaluator, IntConsumer traceSpans,
                           Consumer<ObservedSpan> sink) {
        List<List<Spanset>> yielded = yielded(pipeline, evaluator, row -> true);
        if (yielded == null) return false;
        forEachRow(traceSpans, sink, (i, first, end, slot) -> {
            for (Spanset set : yielded.get(i)) {
                for (int s : set.spans()) slot.accept(first + s);
            }
        });
        return true;
    }

    /**
     * The batch's spans with a search's first-stage filter {@code expr} decided at each span of the rows
     * {@code candidates} accepts (the filter holds at no span of the others), or null when the batch cannot be
     * answered from its columns: {@code fields}, those the search's later stages read, must be read too.
     */
    static ColumnSpans ofSearch(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys, FieldExpr expr,
                                Collection<FieldRef> fields, IntPredicate candidates, FieldEvaluator evaluator) {
        boolean attributes = readsAttributes(expr) || fields.stream().anyMatch(ColumnSpans::readsAttributes);
        ColumnSpans spans = bind(mapper, batch, keys, attributes, null, evaluator);
        if (spans == null || !spans.reads(expr) || !fields.stream().allMatch(spans::reads)) return null;
        return spans.decide(expr, candidates) ? spans : null;
    }

    /**
     * The span columns of the batch, attributes assembled when {@code attributes}; null when it holds no span
     * structure. What a filter can be asked of them: {@link #reads}.
     */
    static ColumnSpans bind(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys, boolean attributes,
                            FieldEvaluator evaluator) {
        return bind(mapper, batch, keys, attributes, null, evaluator);
    }

    private static ColumnSpans bind(TraceMapper mapper, RowGroupBatch batch, AttributeKeys keys, boolean attributes,
                                    ComparedAttributes compared, FieldEvaluator evaluator) {
        String spanPath = mapper.spanPath();
        Map<String, SlotReader> leaves = TraceRows.leaves(batch.nested());
        NestedColumn structure = null;
        for (int i = 0; i < batch.nested().schema().leafCount() && structure == null; i++) {
            NestedColumn column = batch.nested().column(i);
            if (column.column().dottedPath().equals(spanPath + SpanColumns.STRUCTURE)) structure = column;
        }
        if (structure == null) return null;
        int spanLevel = ColumnPaths.level(spanPath.substring(0, spanPath.length() - 1));
        return new ColumnSpans(batch, structure, spanLevel, leaves, spanPath,
                attributes ? mapper.slotAttributes(batch, leaves, keys) : null, compared, evaluator);
    }

    /**
     * Whether {@code expr} can be evaluated on these columns: it reads only intrinsics read into a column here and
     * span or resource attributes, these only when the columns were bound with attributes.
     */
    boolean reads(FieldExpr expr) {
        return reads(expr, intrinsics::containsKey) && (attributes != null || !readsAttributes(expr));
    }

    /**
     * Whether {@code expr} holds at span slot {@code span} (an unbound span: no event or link of its own), as the
     * evaluator decides it: by the {@link ColumnFilter} compiled for {@code expr} at its first question in the batch.
     */
    boolean holds(FieldExpr expr, int span) {
        ColumnFilter.Part filter = filters.get(expr);
        if (filter == null) filters.put(expr, filter = ColumnFilter.of(expr, this, evaluator));
        return ColumnFilter.holds(filter, span);
    }

    /**
     * Decides the filter at every span of the selected rows {@code candidates} accepts; false when it fails at one
     * (nothing is handed on).
     */
    private boolean decide(FieldExpr expr, IntPredicate candidates) {
        matched = new boolean[structure.slotCount(spanLevel)];
        ColumnFilter.Part filter = ColumnFilter.of(expr, this, evaluator);
        try {
            for (int i = 0, rows = rowCount(); i < rows; i++) {
                if (!candidates.test(row(i))) continue;
                long range = spanSlots(row(i));
                for (int s = (int) (range >>> 32), end = (int) range; s < end; s++) matched[s] = ColumnFilter.holds(filter, s);
            }
            return true;
        } catch (EvaluationFailure e) {
            return false;
        }
    }

    /**
     * Each selected row's trace, in batch order: {@code traceSpans} is given its span count, then {@code sink} each
     * span the filter holds at, in stored order (the order an assembled trace lists them).
     */
    void forEach(IntConsumer traceSpans, Consumer<ObservedSpan> sink) {
        forEachRow(traceSpans, sink, (i, first, end, slot) -> {
            for (int s = first; s < end; s++) if (matched[s]) slot.accept(s);
        });
    }

    /** The slots to hand on of the {@code i}th row read, whose spans are at slots {@code first} to {@code end}. */
    private interface RowSlots {
        void forEach(int i, int first, int end, IntConsumer slot);
    }

    /**
     * Each selected row's trace, in batch order: {@code traceSpans} is given its span count, then {@code sink} the
     * cursor at each slot {@code slots} gives.
     */
    private void forEachRow(IntConsumer traceSpans, Consumer<ObservedSpan> sink, RowSlots slots) {
        IntConsumer handOn = slot -> {
            cursor.slot = slot;
            sink.accept(cursor);
        };
        for (int i = 0, rows = rowCount(); i < rows; i++) {
            int row = row(i);
            long range = spanSlots(row);
            int first = (int) (range >>> 32), end = (int) range;
            traceSpans.accept(end - first);
            cursor.row = row;
            cursor.traceIdHex = null;
            slots.forEach(i, first, end, handOn);
        }
    }

    /** The batch's rows this reads: its selected rows, or every row. */
    int rowCount() {
        return batch.hasSelection() ? batch.selectedRowCount() : Math.toIntExact(batch.rowCount());
    }

    /** The batch row of the {@code i}th row read. */
    int row(int i) {
        return batch.hasSelection() ? batch.selectedRow(i) : i;
    }

    /** The slots from {@code first} to {@code end} (a row's spans) the filter holds at, in stored order. */
    int[] matched(int first, int end) {
        int count = 0;
        for (int s = first; s < end; s++) if (matched[s]) count++;
        if (count == 0) return NONE;
        int[] slots = new int[count];
        for (int s = first, i = 0; i < count; s++) if (matched[s]) slots[i++] = s;
        return slots;
    }

    /** Whether the span IDs and parent IDs the nested sets are numbered from were read ({@link #nestedSets}). */
    boolean readsStructure() {
        return spanId != null && parentSpanId != null;
    }

    /**
     * The nested sets of the spans at slots {@code first} to {@code end} (a row's), numbered from their ID and parent
     * ID columns and kinds as {@link TraceSpans} numbers the spans assembled from the same columns: a kind not read is
     * 0 there too.
     */
    NestedSets nestedSets(int first, int end) {
        int n = end - first;
        long[] spanKeys = new long[n];
        long[] parentKeys = new long[n];
        boolean[] roots = new boolean[n];
        int[] kinds = new int[n];
        SlotReader kind = intrinsics.get(Intrinsic.KIND);
        for (int i = 0; i < n; i++) {
            int slot = first + i;
            // the first 8 bytes read in place: a slice per ID was a fifth of a structural query's time
            spanKeys[i] = spanId.bytePrefix(slot);
            roots[i] = parentSpanId.byteLength(slot) == 0;
            if (!roots[i]) parentKeys[i] = parentSpanId.bytePrefix(slot);
            kinds[i] = kind == null ? 0 : (int) kind.int64(slot);
        }
        return NestedSets.number(spanKeys, parentKeys, roots, kinds);
    }

    /** The span at slot {@code slot} as the mapper builds it from the leaves read, without attributes. */
    Span span(int slot) {
        return spanColumns.builder(slot, ByteString.EMPTY).build();
    }

    /** The span slots of the batch's row {@code row}: first in the high half, end in the low. */
    long spanSlots(int row) {
        return CandidateRows.slots(structure, row, spanLevel);
    }

    /** As {@link TraceSpans} looks attributes up, in lists built as its trace's are. */
    @Override
    public FieldValue attribute(AttributeField field, int span, int event, int link) {
        return switch (field.scope()) {
            case NONE -> {
                FieldValue own = TraceSpans.find(attributes.span(span), field.name());
                yield own.isNil() ? TraceSpans.resourceValue(attributes.resource(span), field.name()) : own;
            }
            case SPAN -> TraceSpans.find(attributes.span(span), field.name());
            case RESOURCE -> TraceSpans.resourceValue(attributes.resource(span), field.name());
            default -> throw new IllegalStateException("not read from columns: " + TempoNames.field(field));
        };
    }

    /** The resource slot of span slot {@code span}; for a batch bound with attributes. */
    int resourceOf(int span) {
        return attributes.resourceOf(span);
    }

    /** The leaf {@code intrinsic} is read from; null when it is not read from columns here. */
    SlotReader intrinsicLeaf(Intrinsic intrinsic) {
        return intrinsics.get(intrinsic);
    }

    @Override
    public FieldValue intrinsic(Intrinsic intrinsic, int span, int event, int link) {
        SlotReader leaf = intrinsics.get(intrinsic);
        if (leaf == null) throw new IllegalStateException("not read from columns: " + intrinsic.tempoName());
        // as SpanColumns reads each into the span an assembled trace holds
        return switch (intrinsic) {
            case NAME, STATUS_MESSAGE -> new FieldValue.StringValue(leaf.string(span));
            case STATUS -> FieldValue.status((int) leaf.int64(span));
            case KIND -> FieldValue.kind((int) leaf.int64(span));
            case DURATION -> new FieldValue.DurationValue(leaf.int64(span));
            default -> throw new IllegalStateException("not read from columns: " + intrinsic.tempoName());
        };
    }

    /** The span the sink is handed, moved from span to span. */
    final class Cursor extends ObservedSpan {
        private int row;
        private int slot;
        private String traceIdHex;

        @Override
        public long startTimeUnixNano() {
            return start.int64(slot);
        }

        @Override
        public String traceIdHex() {
            if (traceIdHex == null) traceIdHex = HEX.formatHex(traceId.byteArray(row));
            return traceIdHex;
        }

        @Override
        public String spanIdHex() {
            return FieldEvaluator.spanIdHex(UnsafeByteOperations.unsafeWrap(spanId.byteArray(slot)));
        }

        @Override
        FieldValue value(FieldRef field) {
            return field instanceof IntrinsicField i
                    ? ColumnSpans.this.intrinsic(i.intrinsic(), slot, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND)
                    : attribute((AttributeField) field, slot, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
        }

        @Override
        long durationNanos() {
            return intrinsics.get(Intrinsic.DURATION).int64(slot);
        }

        @Override
        boolean holds(FieldExpr expr) {
            return ColumnSpans.this.holds(expr, slot);
        }

        @Override
        ComparedAttributes compared() {
            return compared;
        }

        @Override
        public int owner(ComparedGroup group) {
            return switch (group) {
                case TRACE -> row;
                case RESOURCE -> attributes.resourceOf(slot);
                case SCOPE -> attributes.scopeOf(slot);
                case SPAN -> slot;
            };
        }

        @Override
        FieldValue intrinsic(Intrinsic intrinsic) {
            // as an assembled trace holds them: the root names from the trace's columns, the scope's as it is built
            return switch (intrinsic) {
                case ROOT_NAME -> new FieldValue.StringValue(rootSpan.string(row));
                case ROOT_SERVICE -> new FieldValue.StringValue(rootService.string(row));
                case INSTRUMENTATION_NAME -> new FieldValue.StringValue(attributes.scope(slot).getName());
                case INSTRUMENTATION_VERSION -> new FieldValue.StringValue(attributes.scope(slot).getVersion());
                default -> ColumnSpans.this.intrinsic(intrinsic, slot, FieldEvaluator.UNBOUND, FieldEvaluator.UNBOUND);
            };
        }

        @Override
        List<KeyValue> resourceAttributes() {
            return attributes.resource(slot);
        }

        @Override
        List<KeyValue> scopeAttributes() {
            return attributes.scope(slot).getAttributesList();
        }

        @Override
        List<KeyValue> spanAttributes() {
            return attributes.span(slot);
        }
    }
}
