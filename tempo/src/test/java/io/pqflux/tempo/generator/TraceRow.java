package io.pqflux.tempo.generator;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One trace as Tempo writes it into a vParquet4 row: rebatched, with every trace-level column derived at write time
 * (docs/tempo-format.md §6). Derived here from the OTLP only, independently of the reader.
 *
 * @param id16          the padded trace ID (the {@code TraceID} column)
 * @param resourceSpans the trace after rebatching: equal resources merged, then equal scopes within a resource
 * @param serviceStats  by service name, sorted by name (the order the rows store them in)
 * @param nestedSet     per span (identity): {@code [NestedSetLeft, NestedSetRight, ParentID]}
 */
record TraceRow(byte[] id16, long startTimeUnixNano, long endTimeUnixNano, String rootServiceName, String rootSpanName,
                Map<String, Trace.ServiceStats> serviceStats, List<ResourceSpans> resourceSpans,
                Map<Span, int[]> nestedSet) {

    static final String SERVICE_NAME = "service.name";

    long durationNano() {
        return endTimeUnixNano - startTimeUnixNano;
    }

    /** {@code TraceIDText}: lowercase hex of the 16 bytes without leading zeros. */
    String idText() {
        String hex = TraceId.of(id16).toHex().replaceFirst("^0+", "");
        return hex.isEmpty() ? "0" : hex;
    }

    static TraceRow of(TracesData trace) {
        List<ResourceSpans> batches = rebatch(trace.getResourceSpansList());
        byte[] id = null;
        long start = -1; // unsigned minimum, so start from the largest value
        long end = 0;
        String rootService = "";
        String rootSpan = "";
        Map<String, long[]> stats = new TreeMap<>();
        for (ResourceSpans rs : batches) {
            String service = serviceName(rs.getResource());
            long[] counts = stats.computeIfAbsent(service, s -> new long[2]);
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    byte[] spanTraceId = TraceId.of(span.getTraceId().toByteArray()).bytes();
                    if (id == null) id = spanTraceId;
                    else if (!java.util.Arrays.equals(id, spanTraceId)) {
                        throw new IllegalArgumentException("one trace holds spans of two trace IDs: "
                                + TraceId.of(id) + " and " + TraceId.of(spanTraceId));
                    }
                    if (Long.compareUnsigned(span.getStartTimeUnixNano(), start) < 0) start = span.getStartTimeUnixNano();
                    if (Long.compareUnsigned(span.getEndTimeUnixNano(), end) > 0) end = span.getEndTimeUnixNano();
                    if (isRoot(span, id)) { // the last root in iteration order wins
                        rootService = service;
                        rootSpan = span.getName();
                    }
                    counts[0]++;
                    if (span.getStatus().getCodeValue() == 2) counts[1]++;
                }
            }
        }
        if (id == null) throw new IllegalArgumentException("a trace without spans has no trace ID");
        Map<String, Trace.ServiceStats> serviceStats = new LinkedHashMap<>();
        stats.forEach((service, counts) -> serviceStats.put(service, new Trace.ServiceStats(counts[0], counts[1])));
        return new TraceRow(id, start, end, rootService, rootSpan, serviceStats, batches, nestedSet(batches));
    }

    /** The {@code service.name} column: the attribute's value when it is a string, else {@code ""}. */
    static String serviceName(Resource resource) {
        for (KeyValue kv : resource.getAttributesList()) {
            if (kv.getKey().equals(SERVICE_NAME) && kv.getValue().hasStringValue()) return kv.getValue().getStringValue();
        }
        return "";
    }

    /** No parent, and no link into the same trace that says {@code opentracing.ref_type = child_of}. */
    private static boolean isRoot(Span span, byte[] traceId) {
        if (!span.getParentSpanId().isEmpty()) return false;
        for (Span.Link link : span.getLinksList()) {
            if (!java.util.Arrays.equals(TraceId.of(link.getTraceId().toByteArray()).bytes(), traceId)) continue;
            for (KeyValue kv : link.getAttributesList()) {
                if (kv.getKey().equals("opentracing.ref_type") && kv.getValue().hasStringValue()
                        && kv.getValue().getStringValue().equals("child_of")) return false;
            }
        }
        return true;
    }

    /** Resource spans with equal {@code Resource}s merged (first position), then equal scopes within each. */
    static List<ResourceSpans> rebatch(List<ResourceSpans> input) {
        Map<Resource, List<ScopeSpans>> byResource = new LinkedHashMap<>();
        for (ResourceSpans rs : input) {
            byResource.computeIfAbsent(rs.getResource(), r -> new ArrayList<>()).addAll(rs.getScopeSpansList());
        }
        List<ResourceSpans> out = new ArrayList<>(byResource.size());
        byResource.forEach((resource, scopeSpans) -> {
            Map<InstrumentationScope, List<Span>> byScope = new LinkedHashMap<>();
            for (ScopeSpans ss : scopeSpans) byScope.computeIfAbsent(ss.getScope(), s -> new ArrayList<>()).addAll(ss.getSpansList());
            ResourceSpans.Builder rs = ResourceSpans.newBuilder().setResource(resource);
            byScope.forEach((scope, spans) -> rs.addScopeSpans(ScopeSpans.newBuilder().setScope(scope).addAllSpans(spans)));
            out.add(rs.build());
        });
        return out;
    }

    /**
     * Depth-first numbering over the roots (spans without a parent) in encounter order, from 1; a child's ParentID is
     * its parent's left bound, a root's is -1; spans not reachable from a root keep zeros. The generator's span IDs are
     * unique within a trace, so Tempo's handling of shared (Zipkin) and repeated span IDs is not needed here.
     */
    private static Map<Span, int[]> nestedSet(List<ResourceSpans> batches) {
        List<Span> spans = new ArrayList<>();
        for (ResourceSpans rs : batches) for (ScopeSpans ss : rs.getScopeSpansList()) spans.addAll(ss.getSpansList());
        Map<com.google.protobuf.ByteString, List<Span>> children = new HashMap<>();
        for (Span span : spans) {
            if (!span.getParentSpanId().isEmpty()) children.computeIfAbsent(span.getParentSpanId(), p -> new ArrayList<>()).add(span);
        }
        Map<Span, int[]> bounds = new IdentityHashMap<>();
        for (Span span : spans) bounds.put(span, new int[3]);
        int[] counter = {1};
        for (Span span : spans) {
            if (span.getParentSpanId().isEmpty()) number(span, -1, children, bounds, counter);
        }
        return bounds;
    }

    private static void number(Span span, int parentLeft, Map<com.google.protobuf.ByteString, List<Span>> children,
                               Map<Span, int[]> bounds, int[] counter) {
        int[] b = bounds.get(span);
        // a span met again (shared or self-referencing IDs in hand-built traces) is not numbered twice: no endless walk
        if (b[0] != 0) return;
        b[0] = counter[0]++;
        b[2] = parentLeft;
        for (Span child : children.getOrDefault(span.getSpanId(), List.of())) number(child, b[0], children, bounds, counter);
        b[1] = counter[0]++;
    }
}
