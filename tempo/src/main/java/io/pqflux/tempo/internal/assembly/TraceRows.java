package io.pqflux.tempo.internal.assembly;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.pqflux.nested.NestedBatch;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

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

    /** The batch's leaves by dotted column path. */
    public static Map<String, Leaf> leaves(NestedBatch batch) {
        Map<String, Leaf> leaves = new HashMap<>();
        for (int i = 0; i < batch.schema().leafCount(); i++) {
            leaves.put(batch.column(i).column().dottedPath(), new Leaf(batch.column(i)));
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
    public static List<ResourceSpans> resourceSpans(Leaf list, int level, int row, IntFunction<ResourceSpans> build,
                                                    long maxTraceBytes, String source, byte[] traceId) {
        List<ResourceSpans> out = new ArrayList<>();
        long bytes = 0;
        for (int rs = list.first(level, row), last = list.end(level, row); rs < last; rs++) {
            ResourceSpans built = build.apply(rs);
            bytes += built.getSerializedSize();
            if (bytes > maxTraceBytes) {
                throw new TempoException(TempoException.Reason.TRACE_TOO_LARGE, source, "trace "
                        + HexFormat.of().formatHex(traceId) + " exceeds the maximum of " + maxTraceBytes + " bytes");
            }
            out.add(built);
        }
        return out;
    }
}
