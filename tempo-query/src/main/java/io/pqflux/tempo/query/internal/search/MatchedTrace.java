package io.pqflux.tempo.query.internal.search;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.query.TraceSearchResult;
import io.pqflux.tempo.internal.assembly.TraceColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A trace the query matched, evaluated once: its search result but for the ID, name, start and duration of the spans it
 * returns, which a search's second read may hold ({@link #result(IntFunction)}). Keeps only the returned spans of the
 * evaluated trace, not the trace.
 */
public final class MatchedTrace {

    /** A returned span: where it is in stored order, the evaluated span, and the attributes the result reports. */
    record Returned(int index, Span span, List<KeyValue> attributes) {
    }

    /** A spanset's returned spans, how many it holds, and the attributes the pipeline gave it. */
    record Set(List<Returned> spans, int matched, List<KeyValue> attributes) {
    }

    private final String traceId;
    private final String rootServiceName;
    private final String rootSpanName;
    private final long startTimeUnixNano;
    private final long durationNano;
    private final Map<String, Trace.ServiceStats> serviceStats;
    private final int spanCount;
    private final List<Set> sets;

    MatchedTrace(Trace trace, List<Set> sets) {
        this(TraceSearchResult.traceIdHex(trace.traceId()), trace.rootServiceName(), trace.rootSpanName(),
                trace.startTimeUnixNano(), trace.durationNano(), trace.serviceStats(), trace.spanCount(), sets);
    }

    /** The trace in row {@code row} of {@code columns}, of {@code spanCount} spans. */
    MatchedTrace(TraceColumns columns, int row, int spanCount, List<Set> sets) {
        this(TraceSearchResult.traceIdHex(columns.traceId().byteArray(row)), columns.rootServiceName(row),
                columns.rootSpanName(row), columns.startTimeUnixNano(row), columns.durationNano(row),
                columns.serviceStats(row), spanCount, sets);
    }

    private MatchedTrace(String traceId, String rootServiceName, String rootSpanName, long startTimeUnixNano,
                         long durationNano, Map<String, Trace.ServiceStats> serviceStats, int spanCount, List<Set> sets) {
        this.traceId = traceId;
        this.rootServiceName = rootServiceName;
        this.rootSpanName = rootSpanName;
        this.startTimeUnixNano = startTimeUnixNano;
        this.durationNano = durationNano;
        // as the result holds them (so making it copies nothing)
        this.serviceStats = Map.copyOf(serviceStats);
        this.spanCount = spanCount;
        this.sets = List.copyOf(sets);
    }

    /** The spans of the evaluated trace (a second read of its row must hold as many). */
    public int spanCount() {
        return spanCount;
    }

    /** The result, every returned field from the evaluated trace (it read them all). */
    public TraceSearchResult result() {
        return result(index -> null);
    }

    /**
     * The result, each returned span completed with the span a second read of the row holds at its stored index
     * ({@code secondRead}, null when none): a field the second read sets wins (proto3 merging, as the second read's
     * leaves are ones the first did not read).
     */
    public TraceSearchResult result(IntFunction<Span> secondRead) {
        List<TraceSearchResult.SpanSet> spanSets = new ArrayList<>(sets.size());
        for (Set set : sets) {
            List<TraceSearchResult.MatchedSpan> spans = new ArrayList<>(set.spans().size());
            for (Returned returned : set.spans()) {
                spans.add(matchedSpan(returned.span(), secondRead.apply(returned.index()), returned.attributes()));
            }
            spanSets.add(new TraceSearchResult.SpanSet(spans, set.matched(), set.attributes()));
        }
        return new TraceSearchResult(traceId, rootServiceName, rootSpanName, startTimeUnixNano, durationNano / 1_000_000,
                spanSets, serviceStats);
    }

    private static TraceSearchResult.MatchedSpan matchedSpan(Span first, Span second, List<KeyValue> attributes) {
        ByteString id = first.getSpanId();
        String name = first.getName();
        long start = first.getStartTimeUnixNano();
        long end = first.getEndTimeUnixNano();
        if (second != null) {
            if (!second.getSpanId().isEmpty()) id = second.getSpanId();
            if (!second.getName().isEmpty()) name = second.getName();
            if (second.getStartTimeUnixNano() != 0) start = second.getStartTimeUnixNano();
            if (second.getEndTimeUnixNano() != 0) end = second.getEndTimeUnixNano();
        }
        return new TraceSearchResult.MatchedSpan(FieldEvaluator.spanIdHex(id), name, start, end - start, attributes);
    }
}
