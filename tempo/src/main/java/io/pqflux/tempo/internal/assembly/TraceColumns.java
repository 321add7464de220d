package io.pqflux.tempo.internal.assembly;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.pqflux.nested.SlotReader;
import io.pqflux.tempo.Trace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace-level columns every format stores alike (ID, start, end, duration, root service and span name) and, where
 * the format has them, the service stats; read by row into a {@link Trace} around the row's resource spans.
 */
public final class TraceColumns {

    public static final String TRACE_ID = "TraceID";
    /** The ID as hex text, informational only: no mapper reads it (the ID is {@link #TRACE_ID}). */
    public static final String TRACE_ID_TEXT = "TraceIDText";
    /** The top-level leaves of every format, the summary preset's columns (with the format's service stats). */
    public static final List<String> LEAVES = List.of(TRACE_ID, "StartTimeUnixNano", "EndTimeUnixNano", "DurationNano",
            "RootServiceName", "RootSpanName");

    private final SlotReader traceId, start, end, duration, rootService, rootSpan;
    /** Null for formats without service stats. */
    private final SlotReader statsKey, statsSpans, statsErrors;
    private final int statsLevel;

    private TraceColumns(Map<String, SlotReader> leaves, String source, TracePaths paths) {
        traceId = TraceRows.required(leaves, TRACE_ID, source);
        start = TraceRows.required(leaves, "StartTimeUnixNano", source);
        end = TraceRows.required(leaves, "EndTimeUnixNano", source);
        duration = TraceRows.required(leaves, "DurationNano", source);
        rootService = TraceRows.required(leaves, "RootServiceName", source);
        rootSpan = TraceRows.required(leaves, "RootSpanName", source);
        boolean stats = paths.hasStats();
        this.statsKey = stats ? TraceRows.required(leaves, paths.statsKey, source) : null;
        this.statsSpans = stats ? TraceRows.required(leaves, paths.statsSpans, source) : null;
        this.statsErrors = stats ? TraceRows.required(leaves, paths.statsErrors, source) : null;
        this.statsLevel = stats ? ColumnPaths.level(paths.statsList) : 0;
    }

    /** The trace-level leaves of a batch, with service stats where {@code paths} has them. */
    public static TraceColumns of(Map<String, SlotReader> leaves, String source, TracePaths paths) {
        return new TraceColumns(leaves, source, paths);
    }

    /** The {@code TraceID} leaf: one slot per row. */
    public SlotReader traceId() {
        return traceId;
    }

    /** The row's trace with {@code resourceSpans} as its content. */
    public Trace trace(int row, byte[] id, List<ResourceSpans> resourceSpans) {
        return new Trace(id, start.int64(row), end.int64(row), duration.int64(row), rootService.string(row),
                rootSpan.string(row), serviceStats(row), resourceSpans);
    }

    /** The row's trace with its content as the encoding of a {@code TracesData} message. */
    public Trace encodedTrace(int row, byte[] id, byte[] tracesData, int spanCount) {
        return Trace.encoded(id, start.int64(row), end.int64(row), duration.int64(row), rootService.string(row),
                rootSpan.string(row), serviceStats(row), tracesData, spanCount);
    }

    public long startTimeUnixNano(int row) {
        return start.int64(row);
    }

    public long durationNano(int row) {
        return duration.int64(row);
    }

    public String rootServiceName(int row) {
        return rootService.string(row);
    }

    public String rootSpanName(int row) {
        return rootSpan.string(row);
    }

    /** The row's service stats by service name, in stored order (empty for formats without them). */
    public Map<String, Trace.ServiceStats> serviceStats(int row) {
        if (statsKey == null) return Map.of();
        Map<String, Trace.ServiceStats> stats = new LinkedHashMap<>();
        for (int e = statsKey.first(statsLevel, row), last = statsKey.end(statsLevel, row); e < last; e++) {
            stats.put(statsKey.string(e), new Trace.ServiceStats(Integer.toUnsignedLong(statsSpans.int32(e)),
                    Integer.toUnsignedLong(statsErrors.int32(e))));
        }
        return stats;
    }
}
