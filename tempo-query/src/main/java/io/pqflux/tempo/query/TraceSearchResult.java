package io.pqflux.tempo.query;

import io.pqflux.tempo.Trace;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One trace a search matched, in the shape of Tempo's {@code TraceSearchMetadata}.
 *
 * @param traceId  hex, leading zeros trimmed (as Tempo prints search results' IDs)
 * @param spanSets the query's spansets in this trace, each with its first spans
 */
public record TraceSearchResult(String traceId, String rootServiceName, String rootTraceName, long startTimeUnixNano,
                                long durationMs, List<SpanSet> spanSets, Map<String, Trace.ServiceStats> serviceStats) {

    public TraceSearchResult {
        spanSets = List.copyOf(spanSets);
        serviceStats = Map.copyOf(serviceStats);
    }

    /**
     * A spanset: its first spans (up to the request's spans per spanset, in stored order), how many spans it holds,
     * and the attributes the pipeline gave it ({@code by(…)}).
     */
    public record SpanSet(List<MatchedSpan> spans, int matched, List<KeyValue> attributes) {
        public SpanSet {
            spans = List.copyOf(spans);
            attributes = List.copyOf(attributes);
        }
    }

    /**
     * A span of a spanset, with the attributes the query's conditions read and the fields it selects.
     *
     * @param spanId 16 hex digits
     */
    public record MatchedSpan(String spanId, String name, long startTimeUnixNano, long durationNanos,
                              List<KeyValue> attributes) {
        public MatchedSpan {
            attributes = List.copyOf(attributes);
        }
    }

    /** A trace ID as Tempo's search prints it: lowercase hex without leading zeros ("0" for an all-zero ID). */
    public static String traceIdHex(byte[] id) {
        String hex = HexFormat.of().formatHex(id);
        int first = 0;
        while (first < hex.length() - 1 && hex.charAt(first) == '0') first++;
        return hex.substring(first);
    }
}
