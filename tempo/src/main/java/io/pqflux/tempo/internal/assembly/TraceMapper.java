package io.pqflux.tempo.internal.assembly;

import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.reactive.BatchMapper;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceForm;
import io.pqflux.nested.SlotReader;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.MessageSchema;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;

/** Assembles the rows of one block format's batches into traces; one per file (it knows the file's layout). */
public interface TraceMapper extends BatchMapper<Trace> {

    /**
     * The batch's traces with only the attributes {@code keys} keeps ({@link #map(RowGroupBatch)} keeps every one a
     * projected column holds).
     */
    List<Trace> map(RowGroupBatch batch, AttributeKeys keys);

    /** As {@link #map(RowGroupBatch, AttributeKeys)}, each trace's content in {@code form}. */
    List<Trace> map(RowGroupBatch batch, AttributeKeys keys, TraceForm form);

    /**
     * As {@link #map(RowGroupBatch, AttributeKeys)}, only for the rows {@code candidate} accepts, each trace with its
     * row handed to {@code sink} as it is assembled; the rows it rejects go to {@code ruledOut} and are not assembled.
     */
    void forEachRowTrace(RowGroupBatch batch, AttributeKeys keys, IntPredicate candidate, IntConsumer ruledOut,
                         Consumer<TraceRows.RowTrace> sink);

    /** The batch's trace-level leaves (ID, times, root names, service stats), which it must hold. */
    TraceColumns traceColumns(RowGroupBatch batch);

    /**
     * A search's second read: each row's spans from a batch holding only some span leaves (no column that places
     * resources or scopes: every leaf's own levels place its values).
     */
    SpanFieldRows spanFields(RowGroupBatch batch);

    /** The column paths the mapper's preset reads (a path selects its whole subtree); null means every column. */
    List<String> columns();

    /**
     * The columns of the full preset restricted to the attributes {@code keys} keeps: every span-preset column, and of
     * the attribute columns those under the kept owners' paths: their generic lists, and their dedicated and
     * well-known columns (of the kept names only, when {@code keys} names them); no other leaf of an owner (stored
     * nested sets, rounded start times); null when that is every column. Only
     * for a mapper of the {@code FULL} preset, which assembles the attributes whose columns it is given.
     */
    List<String> columns(MessageSchema schema, AttributeKeys keys);

    /**
     * Fewer columns than {@link #columns(MessageSchema, AttributeKeys)}: what evaluating a query needs, for a first pass that only
     * decides which traces match. Only for a mapper of the {@code FULL} preset; traces read so lack every other field.
     */
    List<String> evaluationColumns(MessageSchema schema, EvaluationFields fields);

    /** Where attribute {@code name} of {@code owner} is stored in this file. */
    AttributeColumns attributeColumns(AttributeOwner owner, String name);

    /** The path of the span element, up to and including the dot before its leaves ({@code Name}, {@code StatusCode}). */
    String spanPath();

    /**
     * The attributes of the batch's spans and resources as this mapper's traces list them, with only those
     * {@code keys} keeps: read slot by slot, without assembling traces. The batch must hold the spans.
     *
     * @param leaves the batch's leaves by path ({@link TraceRows#leaves}), shared with the caller's own reads
     */
    SlotAttributes slotAttributes(RowGroupBatch batch, Map<String, SlotReader> leaves, AttributeKeys keys);

    /** The path of the resource, up to and including the dot before its leaves ({@code ServiceName}). */
    String resourcePath();

    /**
     * The batch's resource spans one at a time (the preset must read spans), for streams that must not hold a whole
     * trace. Valid while the batch is open; what it returns is a copy.
     */
    Iterator<TraceRows.RowResourceSpans> resourceSpans(RowGroupBatch batch);
}
