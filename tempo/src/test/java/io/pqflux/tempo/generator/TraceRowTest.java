package io.pqflux.tempo.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.Trace;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The write-time derivations of docs/tempo-format.md §6 on hand-made traces, checked against values worked out
 * by hand.
 */
class TraceRowTest {

    private static final ByteString ID64 = ByteString.copyFrom(HexFormat.of().parseHex("00ab00000000cdef"));

    @Test
    void rootIsTheLastParentlessSpanWithoutChildOfLink() {
        Span first = span(1, 0, "first", 100, 200).build();
        Span child = span(2, 1, "child", 150, 400).setStatus(Status.newBuilder().setCodeValue(2)).build();
        // parentless, but child_of a span of the same trace (the link carries the padded ID): not a root
        Span linked = span(3, 0, "linked", 50, 60).addLinks(Span.Link.newBuilder()
                .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex("000000000000000000ab00000000cdef")))
                .setSpanId(id(9)).addAttributes(SyntheticTraces.string("opentracing.ref_type", "child_of"))).build();
        Span last = span(4, 0, "last", 300, 350).build();
        TracesData trace = TracesData.newBuilder()
                .addResourceSpans(resourceSpans("a", first, child))
                .addResourceSpans(resourceSpans("b", linked, last))
                .build();
        TraceRow row = TraceRow.of(trace);
        assertArrayEquals(HexFormat.of().parseHex("000000000000000000ab00000000cdef"), row.id16());
        assertEquals("ab00000000cdef", row.idText());
        assertEquals(50, row.startTimeUnixNano());
        assertEquals(400, row.endTimeUnixNano());
        assertEquals(350, row.durationNano());
        assertEquals("b", row.rootServiceName());
        assertEquals("last", row.rootSpanName());
        assertEquals(Map.of("a", new Trace.ServiceStats(2, 1), "b", new Trace.ServiceStats(2, 0)), row.serviceStats());
        // roots in encounter order: first [1, 4] with child [2, 3], linked [5, 6], last [7, 8]
        assertArrayEquals(new int[] {1, 4, -1}, row.nestedSet().get(first));
        assertArrayEquals(new int[] {2, 3, 1}, row.nestedSet().get(child));
        assertArrayEquals(new int[] {5, 6, -1}, row.nestedSet().get(linked));
        assertArrayEquals(new int[] {7, 8, -1}, row.nestedSet().get(last));
    }

    @Test
    void noRootGivesEmptyNamesAndUnreachableSpansKeepZeros() {
        Span orphan = span(1, 7, "orphan", 10, 20).build();
        TraceRow row = TraceRow.of(TracesData.newBuilder().addResourceSpans(resourceSpans("", orphan)).build());
        assertEquals("", row.rootServiceName());
        assertEquals("", row.rootSpanName());
        assertEquals(Map.of("", new Trace.ServiceStats(1, 0)), row.serviceStats());
        assertArrayEquals(new int[] {0, 0, 0}, row.nestedSet().get(orphan));
    }

    @Test
    void rebatchingMergesEqualResourcesThenEqualScopes() {
        Span s1 = span(1, 0, "s1", 1, 2).build();
        Span s2 = span(2, 1, "s2", 1, 2).build();
        Span s3 = span(3, 1, "s3", 1, 2).build();
        ResourceSpans a1 = resourceSpans("a", s1);
        ResourceSpans b = resourceSpans("b", s2);
        ResourceSpans a2 = resourceSpans("a", s3).toBuilder().setSchemaUrl("other").build();
        List<ResourceSpans> merged = TraceRow.rebatch(List.of(a1, b, a2));
        assertEquals(2, merged.size());
        assertEquals("a", TraceRow.serviceName(merged.getFirst().getResource()));
        assertEquals(1, merged.getFirst().getScopeSpansCount(), "equal scopes of the merged resource merge too");
        assertEquals(List.of(s1, s3), merged.getFirst().getScopeSpans(0).getSpansList());
        assertEquals(List.of(s2), merged.get(1).getScopeSpans(0).getSpansList());
    }

    @Test
    void spansOfTwoTraceIdsAreRefused() {
        Span other = span(2, 0, "x", 1, 2).setTraceId(ByteString.copyFrom(new byte[16])).build();
        TracesData trace = TracesData.newBuilder().addResourceSpans(resourceSpans("a", span(1, 0, "y", 1, 2).build(), other)).build();
        assertThrows(IllegalArgumentException.class, () -> TraceRow.of(trace));
    }

    private static Span.Builder span(int id, int parent, String name, long start, long end) {
        Span.Builder span = Span.newBuilder().setTraceId(ID64).setSpanId(id(id)).setName(name)
                .setStartTimeUnixNano(start).setEndTimeUnixNano(end);
        if (parent != 0) span.setParentSpanId(id(parent));
        return span;
    }

    private static ByteString id(int n) {
        return ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) n});
    }

    private static ResourceSpans resourceSpans(String service, Span... spans) {
        Resource.Builder resource = Resource.newBuilder();
        if (!service.isEmpty()) resource.addAttributes(SyntheticTraces.string("service.name", service));
        return ResourceSpans.newBuilder().setResource(resource)
                .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("lib")).addAllSpans(List.of(spans)))
                .build();
    }
}
