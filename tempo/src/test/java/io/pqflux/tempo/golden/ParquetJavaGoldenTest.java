package io.pqflux.tempo.golden;

import io.pqflux.tempo.Trace;

import static io.pqflux.tempo.golden.ExpectedOtlp.array;
import static io.pqflux.tempo.golden.ExpectedOtlp.integer;
import static io.pqflux.tempo.golden.ExpectedOtlp.json;
import static io.pqflux.tempo.golden.ExpectedOtlp.kv;
import static io.pqflux.tempo.golden.ExpectedOtlp.string;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.nio.file.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertThrows;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.pqflux.testdata.Corpus;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracle against the facts of the bundled pre-release vParquet4 block that were established without it
 * (docs/tempo-format.md §15 and §18): if it mapped a column wrongly, these counts and values would not come out.
 */
class ParquetJavaGoldenTest {

    /** §5: the block's meta.dedicatedColumns give resource String01 = ip and these four span slots. */
    static final List<String> RESOURCE_SLOTS = List.of("ip");
    static final List<String> SPAN_SLOTS = List.of("instance", "version", "region", "sampler.type");

    private static final HexFormat HEX = HexFormat.of();

    private static List<GoldenTrace> traces;

    @BeforeAll
    static void readBlock() {
        traces = ParquetJavaGolden.read(Corpus.tempoBlock().resolve("data.parquet"), RESOURCE_SLOTS, SPAN_SLOTS);
    }

    private static Stream<ResourceSpans> resourceSpans() {
        return traces.stream().flatMap(t -> t.otlp().getResourceSpansList().stream());
    }

    private static Stream<ScopeSpans> scopeSpans() {
        return resourceSpans().flatMap(rs -> rs.getScopeSpansList().stream());
    }

    private static Stream<Span> spans() {
        return scopeSpans().flatMap(ss -> ss.getSpansList().stream());
    }

    private static long spanCount(GoldenTrace trace) {
        return trace.otlp().getResourceSpansList().stream()
                .flatMap(rs -> rs.getScopeSpansList().stream()).mapToLong(ScopeSpans::getSpansCount).sum();
    }

    private static String serviceName(ResourceSpans rs) {
        return rs.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                .map(a -> a.getValue().getStringValue()).reduce((a, b) -> a + "," + b).orElse("");
    }

    private static GoldenTrace trace(String hexId) {
        return traces.stream().filter(t -> HEX.formatHex(t.traceId()).equals(hexId)).findFirst().orElseThrow();
    }

    private static <T> Map<T, Long> histogram(Stream<T> values) {
        return values.collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    @Test
    void countsTracesResourceSpansScopeSpansSpansRootsEventsAndLinks() {
        assertEquals(134, traces.size());
        assertEquals(537, resourceSpans().count());
        assertEquals(537, scopeSpans().count());
        assertEquals(570, spans().count());
        assertEquals(134, spans().filter(s -> s.getParentSpanId().isEmpty()).count());
        assertEquals(0, spans().mapToLong(Span::getEventsCount).sum());
        assertEquals(0, spans().mapToLong(Span::getLinksCount).sum());
        // every scope is present and empty: no name, version, attributes or dropped count (pre-release: never read)
        assertTrue(scopeSpans().allMatch(ss -> ss.hasScope()
                && ss.getScope().equals(InstrumentationScope.getDefaultInstance())));
        assertEquals(Map.of(3L, 6L, 4L, 103L, 5L, 21L, 8L, 1L, 9L, 3L),
                histogram(traces.stream().map(ParquetJavaGoldenTest::spanCount)));
        GoldenTrace largest = trace("00000000000000003ee57a2066b87f5b");
        assertEquals(9, spanCount(largest));
        assertEquals(7, largest.otlp().getResourceSpansCount());
    }

    @Test
    void rowsAreSortedByTraceIdAndSpansCarryTheirRowsTraceId() {
        for (int i = 1; i < traces.size(); i++) {
            assertTrue(Arrays.compareUnsigned(traces.get(i - 1).traceId(), traces.get(i).traceId()) < 0, "row " + i);
        }
        assertEquals("0000000000000000fff92eebf68f8230", HEX.formatHex(traces.getLast().traceId()));
        for (GoldenTrace trace : traces) {
            assertEquals(16, trace.traceId().length);
            assertEquals(HEX.formatHex(trace.traceId()).replaceFirst("^0+", ""), trace.traceIdText());
            List<Span> spans = trace.otlp().getResourceSpansList().stream()
                    .flatMap(rs -> rs.getScopeSpansList().stream()).flatMap(ss -> ss.getSpansList().stream()).toList();
            assertTrue(spans.stream().allMatch(s -> Arrays.equals(s.getTraceId().toByteArray(), trace.traceId())));
            // §6: the trace's start and end are the extremes of its spans' start and start + duration
            assertEquals(trace.startTimeUnixNano(),
                    spans.stream().mapToLong(Span::getStartTimeUnixNano).min().orElseThrow());
            assertEquals(trace.endTimeUnixNano(), spans.stream().mapToLong(Span::getEndTimeUnixNano).max().orElseThrow());
            assertEquals(trace.endTimeUnixNano() - trace.startTimeUnixNano(), trace.durationNano());
            // Jaeger: the root span's ID is the low 8 bytes of the trace ID
            Span root = spans.stream().filter(s -> s.getParentSpanId().isEmpty()).findFirst().orElseThrow();
            assertArrayEquals(Arrays.copyOfRange(trace.traceId(), 8, 16), root.getSpanId().toByteArray());
            assertEquals(trace.rootSpanName(), root.getName());
            assertTrue(trace.serviceStats().isEmpty());
        }
    }

    @Test
    void firstRowMatchesTheSpecsFacts() {
        GoldenTrace first = traces.getFirst();
        assertEquals("000000000000000000474be8b43449fb", HEX.formatHex(first.traceId()));
        assertEquals("474be8b43449fb", first.traceIdText());
        assertEquals(1656933075179000000L, first.startTimeUnixNano());
        assertEquals(1656933075599000000L, first.endTimeUnixNano());
        assertEquals(420000000L, first.durationNano());
        assertEquals("frontend", first.rootServiceName());
        assertEquals("/cart", first.rootSpanName());
        List<ResourceSpans> rs = first.otlp().getResourceSpansList();
        assertEquals(List.of("productcatalogservice", "recommendationservice", "cartservice", "frontend"),
                rs.stream().map(ParquetJavaGoldenTest::serviceName).toList());
        assertEquals(List.of("/GetProducts", "/GetRecommendations", "/GetCart", "/cart"),
                rs.stream().map(r -> r.getScopeSpans(0).getSpans(0).getName()).toList());
    }

    /** §15's v1 response for trace 474be8b43449fb begins with this ResourceSpans (gogo jsonpb of the OTLP). */
    @Test
    void firstResourceSpansEqualsTheSpecsJsonExample() throws Exception {
        String json = GoldenFixtures.SPEC_FIRST_RESOURCE_SPANS_V1;
        ResourceSpans.Builder expected = ResourceSpans.newBuilder();
        JsonFormat.parser().merge(json, expected);
        ResourceSpans actual = traces.getFirst().otlp().getResourceSpans(0);
        assertTrue(actual.getScopeSpans(0).getSpans(0).hasStatus(), "status is always set");
        assertTrue(actual.getScopeSpans(0).hasScope(), "scope is always set");
        assertEquals(expected.build(), actual);
    }

    @Test
    void servicesAndRootNames() {
        assertEquals(Map.of("frontend", 134L, "productcatalogservice", 125L, "recommendationservice", 124L,
                        "cartservice", 107L, "adservice", 21L, "shippingservice", 8L, "currencyservice", 6L,
                        "checkoutservice", 4L, "emailservice", 4L, "paymentservice", 4L),
                histogram(resourceSpans().map(ParquetJavaGoldenTest::serviceName)));
        assertTrue(traces.stream().allMatch(t -> t.rootServiceName().equals("frontend")));
        assertEquals(Map.of("/cart", 103L, "/product", 21L, "/shipping", 4L, "/checkout", 4L, "/currency", 2L),
                histogram(traces.stream().map(GoldenTrace::rootSpanName)));
    }

    @Test
    void resourceAttributesInSpecOrder() {
        for (ResourceSpans rs : resourceSpans().toList()) {
            List<KeyValue> attributes = rs.getResource().getAttributesList();
            assertEquals(List.of("host.name", "opencensus.exporterversion", "ip", "service.name"),
                    attributes.stream().map(KeyValue::getKey).toList());
            assertTrue(attributes.stream().allMatch(a -> a.getValue().hasStringValue()));
            assertEquals("Jaeger-Java-0.28.0", attributes.get(1).getValue().getStringValue());
            assertEquals(0, rs.getResource().getDroppedAttributesCount());
        }
    }

    @Test
    void spanAttributesGenericDedicatedAndWellKnown() {
        List<String> columnKeys = List.of("instance", "version", "region", "sampler.type",
                "http.method", "http.url", "http.status_code");
        List<KeyValue> all = spans().flatMap(s -> s.getAttributesList().stream()).toList();
        List<KeyValue> generic = all.stream().filter(a -> !columnKeys.contains(a.getKey())).toList();
        assertEquals(561, generic.size());
        assertEquals(156, spans().filter(s -> s.getAttributesList().stream()
                .anyMatch(a -> !columnKeys.contains(a.getKey()))).count());
        // §9: 426 attributes of type string and 135 of type bool, all single-valued
        assertEquals(Map.of(AnyValue.ValueCase.STRING_VALUE, 426L, AnyValue.ValueCase.BOOL_VALUE, 135L),
                histogram(generic.stream().map(a -> a.getValue().getValueCase())));
        Map<String, Long> genericKeys = histogram(generic.stream().map(KeyValue::getKey));
        assertEquals(134L, genericKeys.get("sampler.param"));
        assertEquals(42L, genericKeys.get("starter"));
        assertEquals(1L, genericKeys.get("root_cause_error"));
        assertEquals(134, generic.stream()
                .filter(a -> a.getKey().equals("sampler.param") && a.getValue().hasBoolValue()).count());

        Map<String, Long> columnCounts = histogram(all.stream().filter(a -> columnKeys.contains(a.getKey()))
                .map(KeyValue::getKey));
        assertEquals(Map.of("instance", 570L, "version", 549L, "region", 549L, "sampler.type", 134L,
                "http.method", 570L, "http.url", 570L, "http.status_code", 3L), columnCounts);
        assertEquals(List.of(503L, 503L, 503L), all.stream().filter(a -> a.getKey().equals("http.status_code"))
                .map(a -> a.getValue().getIntValue()).toList());
        assertTrue(all.stream().filter(a -> columnKeys.contains(a.getKey()) && !a.getKey().equals("http.status_code"))
                .allMatch(a -> a.getValue().hasStringValue()));
        // §8.2: generic attributes first, then the dedicated slots in slot order, then http.*
        for (Span span : spans().toList()) {
            List<Integer> ranks = span.getAttributesList().stream()
                    .map(a -> columnKeys.indexOf(a.getKey())).toList();
            for (int i = 1; i < ranks.size(); i++) {
                assertTrue(ranks.get(i - 1) < ranks.get(i) || ranks.get(i - 1) == -1 && ranks.get(i) == -1,
                        span.getName() + ": " + span.getAttributesList().stream().map(KeyValue::getKey).toList());
            }
        }
    }

    @Test
    void statusKindAndDroppedCounts() {
        assertTrue(spans().allMatch(Span::hasStatus));
        assertEquals(Map.of(Status.StatusCode.STATUS_CODE_UNSET, 567L, Status.StatusCode.STATUS_CODE_ERROR, 3L),
                histogram(spans().map(s -> s.getStatus().getCode())));
        GoldenTrace failed = trace("0000000000000000fb0456632c2467d7");
        List<String> errors = failed.otlp().getResourceSpansList().stream()
                .flatMap(rs -> rs.getScopeSpansList().stream()
                        .flatMap(ss -> ss.getSpansList().stream())
                        .filter(s -> s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR)
                        .peek(s -> assertEquals("", s.getStatus().getMessage()))
                        .map(s -> serviceName(rs) + " " + s.getName()))
                .sorted().toList();
        assertEquals(List.of("checkoutservice /PlaceOrder", "emailservice /SendOrderConfirmation",
                "frontend /checkout"), errors);
        assertTrue(spans().allMatch(s -> s.getKind() == Span.SpanKind.SPAN_KIND_UNSPECIFIED));
        assertTrue(spans().allMatch(s -> s.getDroppedAttributesCount() == 0 && s.getDroppedEventsCount() == 0
                && s.getDroppedLinksCount() == 0 && s.getTraceState().isEmpty() && s.getFlags() == 0));
        assertTrue(spans().allMatch(s -> s.getSpanId().size() == 8));
    }
    /** §8.1's released layout, with the rest of §7 that the bundled block leaves empty: events, links, kinds, counts. */
    @Test
    void releasedLayoutFileMapsArraysUnsupportedValuesEventsAndLinks(@TempDir Path directory) throws Exception {
        byte[] traceId = GoldenFixtures.RELEASED_TRACE_ID;
        String kvlist = GoldenFixtures.KVLIST;
        String mixed = GoldenFixtures.MIXED_ARRAY;
        Path file = GoldenFixtures.releasedLayoutFile(directory);
        List<GoldenTrace> golden = ParquetJavaGolden.read(file, List.of("ip"), List.of("instance", "version"));

        assertEquals(1, golden.size());
        GoldenTrace trace = golden.getFirst();
        assertArrayEquals(traceId, trace.traceId());
        assertEquals(List.of("svc"), List.copyOf(trace.serviceStats().keySet()));
        assertArrayEquals(new long[] {2, 4294967295L}, trace.serviceStats().get("svc"));
        ByteString id = ByteString.copyFrom(traceId);
        TracesData expected = TracesData.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder()
                        .addAttributes(kv("labels", json(kvlist)))
                        .addAttributes(kv("ports", array(integer(80), integer(443), integer(-1))))
                        .addAttributes(kv("empty.array", array()))
                        .addAttributes(kv("no.value", AnyValue.getDefaultInstance()))
                        .addAttributes(kv("raw", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2})).build()))
                        .addAttributes(kv("ip", string("10.0.0.1")))
                        .addAttributes(kv("service.name", string("svc")))
                        .addAttributes(kv("cluster", string("c1")))
                        .addAttributes(kv("k8s.pod.name", string("pod-1")))
                        .setDroppedAttributesCount(3))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("lib").setVersion("1.2")
                                .addAttributes(kv("scope.flag", AnyValue.newBuilder().setBoolValue(true).build()))
                                .setDroppedAttributesCount(2))
                        .addSpans(Span.newBuilder()
                                .setTraceId(id).setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                                .setTraceState("a=b").setName("op").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                                .setStartTimeUnixNano(1000).setEndTimeUnixNano(2000)
                                .addAttributes(kv("mixed", json(mixed)))
                                .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.5).build()))
                                .addAttributes(kv("names", array(string("a"), string("b"))))
                                .addAttributes(kv("version", string("v1")))
                                .addAttributes(kv("http.method", string("POST")))
                                .addAttributes(kv("http.status_code", integer(500)))
                                .setDroppedAttributesCount(1)
                                .addEvents(Span.Event.newBuilder().setTimeUnixNano(1005).setName("ev")
                                        .addAttributes(kv("ev.n", integer(7))).setDroppedAttributesCount(4))
                                .setDroppedEventsCount(6)
                                .addLinks(Span.Link.newBuilder().setTraceId(id)
                                        .setSpanId(ByteString.copyFrom(new byte[] {9, 9, 9, 9, 9, 9, 9, 9}))
                                        .setTraceState("x=y").addAttributes(kv("link.s", string("v")))
                                        .setDroppedAttributesCount(8))
                                .setDroppedLinksCount(9)
                                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
                                        .setMessage("boom")))
                        .addSpans(Span.newBuilder()
                                .setTraceId(id).setSpanId(ByteString.copyFrom(new byte[] {2, 2, 2, 2, 2, 2, 2, 2}))
                                .setName("wrap").setStartTimeUnixNano(-10).setEndTimeUnixNano(10)
                                .setStatus(Status.getDefaultInstance()))))
                .build();
        assertEquals(expected, trace.otlp());
    }

    /**
     * §9 with errata 1–3: empty scalar lists give zero values, unknown types and unrestorable type-0 attributes are
     * skipped, a restored type-0 value lowers its owner's dropped count, scope attributes are not read.
     */
    @Test
    void preReleaseLayoutFileFollowsTheErrata(@TempDir Path directory) throws Exception {
        String kvlist = GoldenFixtures.PRE_RELEASE_KVLIST;
        Path file = GoldenFixtures.preReleaseLayoutFile(directory);
        GoldenTrace trace = ParquetJavaGolden.read(file, List.of(), List.of()).getFirst();

        ResourceSpans rs = trace.otlp().getResourceSpans(0);
        assertEquals(Resource.newBuilder()
                .addAttributes(kv("restored", json(kvlist)))
                .addAttributes(kv("s.empty", string("")))
                .addAttributes(kv("i.empty", integer(0)))
                .addAttributes(kv("d", AnyValue.newBuilder().setDoubleValue(1.5).build()))
                .addAttributes(kv("b.empty", AnyValue.newBuilder().setBoolValue(false).build()))
                .addAttributes(kv("sa", array(string("x"), string("y"))))
                .addAttributes(kv("ia", array(integer(1), integer(2))))
                .addAttributes(kv("da", array()))
                .addAttributes(kv("ba", array(AnyValue.newBuilder().setBoolValue(true).build())))
                .setDroppedAttributesCount(1)
                .build(), rs.getResource());
        assertEquals(InstrumentationScope.newBuilder().setName("lib").build(), rs.getScopeSpans(0).getScope());
        Span mapped = rs.getScopeSpans(0).getSpans(0);
        assertEquals(List.of(kv("raw", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2})).build())),
                mapped.getAttributesList());
        assertEquals(0, mapped.getDroppedAttributesCount());
        assertEquals(Span.Event.newBuilder().setTimeUnixNano(100).setName("ev").addAttributes(kv("ev.kept", string("v")))
                .setDroppedAttributesCount(3).build(), mapped.getEvents(0));
        assertEquals(0, mapped.getLinks(0).getAttributesCount());
    }

    @Test
    void refusesAFileWithoutTempoAttributeGroups(@TempDir Path directory) {
        MessageType schema = new MessageType("Trace", List.of(new GroupType(Type.Repetition.REQUIRED, "Attrs",
                new GroupType(Type.Repetition.REPEATED, "list", new GroupType(Type.Repetition.REQUIRED, "element",
                        Types.required(PrimitiveType.PrimitiveTypeName.BINARY).named("Key"),
                        Types.required(PrimitiveType.PrimitiveTypeName.INT64).named("Other"))))));
        Path file = TempoRows.write(directory, "other.parquet", schema, List.of(TempoRows.row(schema)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParquetJavaGolden.read(file, List.of(), List.of()));
        assertTrue(e.getMessage().contains("[Other]"), e.getMessage());
    }
}
