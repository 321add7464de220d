package io.pqflux.tempo.internal.assembly;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.pqflux.nested.NestedBatch;
import io.pqflux.nested.SlotReader;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/** The row-level steps every format's mapper shares: which rows to map, the leaves by path, the trace size limit. */
public final class TraceRows {

    private TraceRows() {
    }

    /** One trace per row of the batch, or per selected row when the batch carries a selection. */
    public static List<Trace> map(RowGroupBatch batch, IntFunction<Trace> traceOfRow) {
        int count = batch.hasSelection() ? batch.selectedRowCount() : Math.toIntExact(batch.rowCount());
        List<Trace> traces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) traces.add(traceOfRow.apply(batch.hasSelection() ? batch.selectedRow(i) : i));
        return traces;
    }

    /** A trace and where its row is: row group, row within it. */
    public record RowTrace(int rowGroup, long row, Trace trace) {
    }

    /**
     * The traces of the batch's rows (its selected rows when it has a selection) that {@code candidate} accepts, each
     * with its row, handed to {@code sink} as each is assembled (still in cache for what the sink does with it, where a
     * batch's list of traces outgrew the caches before the first was looked at again); the rows it rejects go to
     * {@code ruledOut} unassembled.
     */
    public static void forEachRowTrace(RowGroupBatch batch, IntFunction<Trace> traceOfRow, IntPredicate candidate,
                                       IntConsumer ruledOut, Consumer<RowTrace> sink) {
        int count = batch.hasSelection() ? batch.selectedRowCount() : Math.toIntExact(batch.rowCount());
        for (int i = 0; i < count; i++) {
            int row = batch.hasSelection() ? batch.selectedRow(i) : i;
            if (candidate.test(row)) {
                sink.accept(new RowTrace(batch.rowGroup(), batch.rowGroupRow(row), traceOfRow.apply(row)));
            } else {
                ruledOut.accept(row);
            }
        }
    }

    /** One resource's spans of a row, with the row's trace ID. */
    public record RowResourceSpans(ByteString traceId, ResourceSpans resourceSpans) {
    }

    /**
     * The batch's resource spans one at a time, built when asked for: span streams hold one resource's spans of a
     * trace, never the whole trace.
     *
     * @param traceId the {@code TraceID} leaf (one slot per row)
     * @param list    a leaf below the resource-spans list; {@code level} is the list's repeated node
     */
    public static Iterator<RowResourceSpans> resourceSpansOf(RowGroupBatch batch, SlotReader traceId, SlotReader list, int level,
                                                            BiFunction<Integer, ByteString, ResourceSpans> build) {
        int rows = batch.hasSelection() ? batch.selectedRowCount() : Math.toIntExact(batch.rowCount());
        return new Iterator<>() {
            private int i = -1;
            private int rs, last;
            private ByteString id;

            @Override
            public boolean hasNext() {
                while (rs >= last) {
                    if (++i >= rows) return false;
                    int row = batch.hasSelection() ? batch.selectedRow(i) : i;
                    id = UnsafeByteOperations.unsafeWrap(traceId.byteArray(row));
                    rs = list.first(level, row);
                    last = list.end(level, row);
                }
                return true;
            }

            @Override
            public RowResourceSpans next() {
                if (!hasNext()) throw new NoSuchElementException();
                return new RowResourceSpans(id, build.apply(rs++, id));
            }
        };
    }

    /** The leaf at {@code path}, which the mapper's columns always include. */
    public static SlotReader required(Map<String, SlotReader> leaves, String path, String source) {
        SlotReader leaf = leaves.get(path);
        if (leaf == null) throw new IllegalStateException(source + ": column " + path + " not read");
        return leaf;
    }

    /** The batch's leaves by dotted column path. */
    public static Map<String, SlotReader> leaves(NestedBatch batch) {
        Map<String, SlotReader> leaves = new HashMap<>();
        for (int i = 0; i < batch.schema().leafCount(); i++) {
            leaves.put(batch.column(i).column().dottedPath(), SlotReader.of(batch.column(i)));
        }
        return leaves;
    }

    /**
     * The row's ResourceSpans, built one by one and counted against the size limit as they come, so an oversized
     * trace fails before it is all in memory.
     *
     * @param list  a leaf below the resource-spans list; {@code level} is the list's repeated node
     * @throws TempoException {@link TempoException.Reason#TRACE_TOO_LARGE} past {@code maxTraceBytes} of OTLP
     */
    public static List<ResourceSpans> resourceSpans(SlotReader list, int level, int row, IntFunction<ResourceSpans> build,
                                                    long maxTraceBytes, String source, byte[] traceId) {
        List<ResourceSpans> out = new ArrayList<>();
        // sizing a message walks all of it: only done when there is a limit to enforce
        boolean limited = maxTraceBytes != Long.MAX_VALUE;
        long bytes = 0;
        for (int rs = list.first(level, row), last = list.end(level, row); rs < last; rs++) {
            ResourceSpans built = build.apply(rs);
            if (limited) bytes += built.getSerializedSize();
            if (bytes > maxTraceBytes) throw tooLarge(source, traceId, maxTraceBytes);
            out.add(built);
        }
        return out;
    }

    /** The failure of a trace past {@code maxTraceBytes} of OTLP (its resource spans' sizes summed). */
    static TempoException tooLarge(String source, byte[] traceId, long maxTraceBytes) {
        return new TempoException(TempoException.Reason.TRACE_TOO_LARGE, source, "trace "
                + HexFormat.of().formatHex(traceId) + " exceeds the maximum of " + maxTraceBytes + " bytes");
    }
}
