package io.pqflux.tempo.golden;

import static io.pqflux.tempo.golden.ExpectedOtlp.array;
import static io.pqflux.tempo.golden.ExpectedOtlp.bool;
import static io.pqflux.tempo.golden.ExpectedOtlp.integer;
import static io.pqflux.tempo.golden.ExpectedOtlp.json;
import static io.pqflux.tempo.golden.ExpectedOtlp.kv;
import static io.pqflux.tempo.golden.ExpectedOtlp.string;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.testdata.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vParquet5-preview5 oracle against the vParquet4 one (docs/tempo-format.md §0 errata 9: the preview5 block
 * regroups one trace and lacks another) and on a file of every preview5 path the block leaves empty.
 */
class Vp5GoldenTest {

    private static final HexFormat HEX = HexFormat.of();
    /** Errata 9's trace the preview5 block lacks: the vP4 block's last row. */
    private static final String MISSING = "0000000000000000fff92eebf68f8230";
    /**
     * Errata 9's regrouped trace: the vP4 block stores two identical productcatalogservice resources (rs[0] and rs[2],
     * one /GetProducts span each); preview5's writer merges ResourceSpans with identical resources and then ScopeSpans
     * with identical scopes (rebatchTrace in vparquet5, §6 "rebatching"), so it has one ResourceSpans with one
     * ScopeSpans holding both spans, and 4 ResourceSpans instead of 5.
     */
    private static final String REGROUPED = "0000000000000000841a87072e7aee8a";

    private static GoldenMetaJson meta;
    private static List<GoldenTrace> vp5;
    private static Map<String, GoldenTrace> vp4ById;

    @BeforeAll
    static void readBlocks() {
        meta = GoldenMetaJson.read(GoldenFixtures.vp5Block());
        vp5 = Vp5Golden.read(GoldenFixtures.vp5Block().resolve("data.parquet"), meta.preview5Columns("resource"),
                meta.preview5Columns("span"));
        vp4ById = new LinkedHashMap<>();
        for (GoldenTrace trace : GoldenFixtures.bundledVp4Golden()) vp4ById.put(HEX.formatHex(trace.traceId()), trace);
    }

    /** docs/tempo-format.md §17 (the vParquet5 block) and §0 errata 5: the meta the oracle is given. */
    @Test
    void metaIsPreview5With133TracesAndStringColumnsOnly() {
        assertEquals("vParquet5-preview5", meta.format());
        assertEquals(133, meta.totalObjects());
        Function<String, Vp5Golden.DedicatedColumn> string =
                name -> new Vp5Golden.DedicatedColumn(name, Vp5Golden.DedicatedType.STRING, false);
        assertEquals(List.of(string.apply("ip")), meta.preview5Columns("resource"));
        assertEquals(List.of(string.apply("instance"), string.apply("version"), string.apply("region"),
                string.apply("sampler.type")), meta.preview5Columns("span"));
    }

    @Test
    void holds133TracesSortedByIdAllInTheVParquet4BlockButOne() {
        assertEquals(133, vp5.size());
        for (int i = 1; i < vp5.size(); i++) {
            assertTrue(Arrays.compareUnsigned(vp5.get(i - 1).traceId(), vp5.get(i).traceId()) < 0, "row " + i);
        }
        List<String> ids = vp5.stream().map(t -> HEX.formatHex(t.traceId())).toList();
        List<String> missing = vp4ById.keySet().stream().filter(id -> !ids.contains(id)).toList();
        assertEquals(List.of(MISSING), missing);
        assertTrue(vp4ById.keySet().containsAll(ids));
    }

    /**
     * Every trace equals its vP4 golden trace, up to two things the preview5 format itself changes: span
     * attributes come in another order (preview5 has no well-known span columns, #5696, so {@code http.method} and
     * {@code http.url} are generic attributes emitted before the dedicated ones, where vP4 emits them after), and
     * the writer's rebatching, which changes exactly one trace.
     */
    @Test
    void equalsTheVParquet4GoldenUpToSpanAttributeOrderAndRebatching() {
        List<String> regrouped = new ArrayList<>();
        for (GoldenTrace actual : vp5) {
            String id = HEX.formatHex(actual.traceId());
            GoldenTrace expected = vp4ById.get(id);
            assertEquals(expected.traceLevelColumns(), actual.traceLevelColumns(), id);
            TracesData rebatched = rebatched(expected.otlp());
            if (!rebatched.equals(expected.otlp())) regrouped.add(id);
            assertEquals(spanAttributesByKey(rebatched), spanAttributesByKey(actual.otlp()), id);
        }
        assertEquals(List.of(REGROUPED), regrouped);
        GoldenTrace vp5Regrouped = vp5.stream().filter(t -> HEX.formatHex(t.traceId()).equals(REGROUPED)).findFirst()
                .orElseThrow();
        assertEquals(5, vp4ById.get(REGROUPED).otlp().getResourceSpansCount());
        assertEquals(4, vp5Regrouped.otlp().getResourceSpansCount());
        assertEquals(List.of("/GetProducts", "/GetProducts"), vp5Regrouped.otlp().getResourceSpans(0).getScopeSpans(0)
                .getSpansList().stream().map(Span::getName).toList());
        assertNotEquals(spanAttributesByKey(vp4ById.get(REGROUPED).otlp()), spanAttributesByKey(vp5Regrouped.otlp()));
    }

    /** Go order (vparquet5 schema.go at 7b00d6cf47): generic attributes, then dedicated columns in meta order. */
    @Test
    void firstSpanHasGenericAttributesThenDedicatedOnes() {
        Span first = vp5.getFirst().otlp().getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertEquals(List.of("http.method", "http.url", "instance", "version", "region"),
                first.getAttributesList().stream().map(KeyValue::getKey).toList());
        Resource resource = vp5.getFirst().otlp().getResourceSpans(0).getResource();
        assertEquals(List.of("host.name", "opencensus.exporterversion", "ip", "service.name"),
                resource.getAttributesList().stream().map(KeyValue::getKey).toList());
    }

    /**
     * Unlike the pre-release vP4 block, preview5 fills {@code ServiceStats}: per service name the spans under it and
     * those with status ERROR, which the OTLP recounts.
     */
    @Test
    void serviceStatsCountTheTracesSpansPerService() {
        for (GoldenTrace trace : vp5) {
            Map<String, List<Long>> recounted = new TreeMap<>();
            for (ResourceSpans rs : trace.otlp().getResourceSpansList()) {
                String service = rs.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name")).map(a -> a.getValue().getStringValue())
                        .findFirst().orElse("");
                List<Span> spans = rs.getScopeSpansList().stream().flatMap(ss -> ss.getSpansList().stream()).toList();
                long errors = spans.stream()
                        .filter(s -> s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR).count();
                recounted.merge(service, List.of((long) spans.size(), errors),
                        (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
            }
            Map<String, List<Long>> stored = trace.serviceStats().entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> List.of(e.getValue()[0], e.getValue()[1]), (a, b) -> a, TreeMap::new));
            assertEquals(recounted, stored, HEX.formatHex(trace.traceId()));
        }
    }

    /** Errata 4 and 5 and the rest of §7 on a hand-made preview5 file. */
    @Test
    void vp5FileDropsValuelessAttributesAndMapsTypedDedicatedSlots(@TempDir Path directory) throws Exception {
        Path file = GoldenFixtures.vp5File(directory);
        List<GoldenTrace> golden = Vp5Golden.read(file, GoldenFixtures.VP5_RESOURCE_COLUMNS,
                GoldenFixtures.VP5_SPAN_COLUMNS);

        assertEquals(1, golden.size());
        GoldenTrace trace = golden.getFirst();
        assertArrayEquals(GoldenFixtures.VP5_TRACE_ID, trace.traceId());
        assertEquals(List.of("svc"), List.copyOf(trace.serviceStats().keySet()));
        assertArrayEquals(new long[] {1, 0}, trace.serviceStats().get("svc"));
        ByteString id = ByteString.copyFrom(GoldenFixtures.VP5_TRACE_ID);
        TracesData expected = TracesData.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder()
                        // "no.value" is dropped (errata 4)
                        .addAttributes(kv("empty.array", array()))
                        .addAttributes(kv("raw", json(GoldenFixtures.KVLIST)))
                        // two values in the non-array column ip: an arrayValue (errata 5)
                        .addAttributes(kv("ip", array(string("10.0.0.1"), string("10.0.0.2"))))
                        .addAttributes(kv("port", integer(8080)))
                        // one value in the array column tags: a one-element arrayValue
                        .addAttributes(kv("tags", array(string("t1"))))
                        .addAttributes(kv("service.name", string("svc")))
                        .setDroppedAttributesCount(3))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("lib").setVersion("1.2")
                                .addAttributes(kv("scope.flag", bool(true)))
                                .setDroppedAttributesCount(2))
                        .addSpans(Span.newBuilder()
                                .setTraceId(id).setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                                .setTraceState("a=b").setName("op").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                                .setStartTimeUnixNano(1000).setEndTimeUnixNano(2000)
                                .addAttributes(kv("http.method", string("GET")))
                                .addAttributes(kv("ints", array(integer(1), integer(2))))
                                // the int slot; the empty string slot "instance" is absent
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
                                        .setMessage("boom")))))
                .build();
        assertEquals(expected, trace.otlp());
    }

    @Test
    void refusesOtherFormatsAndImpossibleSlotAssignments() {
        IllegalArgumentException vp4 = assertThrows(IllegalArgumentException.class,
                () -> Vp5Golden.read(Corpus.tempoBlock().resolve("data.parquet"), List.of(), List.of()));
        assertTrue(vp4.getMessage().contains("not a vParquet5-preview5 file"), vp4.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Vp5Golden.read(GoldenFixtures.vp3Block().resolve("data.parquet"), List.of(), List.of()));
        Path block = GoldenFixtures.vp5Block().resolve("data.parquet");
        List<Vp5Golden.DedicatedColumn> sixInts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sixInts.add(new Vp5Golden.DedicatedColumn("n" + i, Vp5Golden.DedicatedType.INT, false));
        }
        assertThrows(IllegalArgumentException.class, () -> Vp5Golden.read(block, sixInts, List.of()));
        Vp5Golden.DedicatedColumn ip = new Vp5Golden.DedicatedColumn("ip", Vp5Golden.DedicatedType.STRING, false);
        assertThrows(IllegalArgumentException.class, () -> Vp5Golden.read(block, List.of(ip, ip), List.of()));
    }

    /** §6 rebatching as preview5's writer does it: identical resources merged, then identical scopes in each. */
    private static TracesData rebatched(TracesData trace) {
        Map<Resource, List<ScopeSpans>> byResource = new LinkedHashMap<>();
        for (ResourceSpans rs : trace.getResourceSpansList()) {
            byResource.computeIfAbsent(rs.getResource(), r -> new ArrayList<>()).addAll(rs.getScopeSpansList());
        }
        TracesData.Builder out = TracesData.newBuilder();
        byResource.forEach((resource, scopeSpans) -> {
            Map<InstrumentationScope, List<Span>> byScope = new LinkedHashMap<>();
            for (ScopeSpans ss : scopeSpans) {
                byScope.computeIfAbsent(ss.getScope(), s -> new ArrayList<>()).addAll(ss.getSpansList());
            }
            ResourceSpans.Builder rs = out.addResourceSpansBuilder().setResource(resource);
            byScope.forEach((scope, spans) -> rs.addScopeSpansBuilder().setScope(scope).addAllSpans(spans));
        });
        return out.build();
    }

    /** {@code trace} with every span's attributes sorted by key (stable); nothing else changes. */
    private static TracesData spanAttributesByKey(TracesData trace) {
        TracesData.Builder out = trace.toBuilder();
        for (ResourceSpans.Builder rs : out.getResourceSpansBuilderList()) {
            for (ScopeSpans.Builder ss : rs.getScopeSpansBuilderList()) {
                for (Span.Builder span : ss.getSpansBuilderList()) {
                    List<KeyValue> sorted = new ArrayList<>(span.getAttributesList());
                    sorted.sort(Comparator.comparing(KeyValue::getKey));
                    span.clearAttributes().addAllAttributes(sorted);
                }
            }
        }
        return out.build();
    }
}
