package io.pqflux.tempo.golden;

import static io.pqflux.tempo.golden.ExpectedOtlp.bool;
import static io.pqflux.tempo.golden.ExpectedOtlp.integer;
import static io.pqflux.tempo.golden.ExpectedOtlp.json;
import static io.pqflux.tempo.golden.ExpectedOtlp.kv;
import static io.pqflux.tempo.golden.ExpectedOtlp.string;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.testdata.Corpus;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vParquet3 oracle against the vParquet4 one on the same traces (docs/tempo-format.md §0 errata 9) and on a file
 * of every vP3 path.
 */
class Vp3GoldenTest {

    private static final HexFormat HEX = HexFormat.of();

    private static GoldenMetaJson meta;
    private static List<GoldenTrace> vp3;
    private static List<GoldenTrace> vp4;

    @BeforeAll
    static void readBlocks() {
        meta = GoldenMetaJson.read(GoldenFixtures.vp3Block());
        vp3 = Vp3Golden.read(GoldenFixtures.vp3Block().resolve("data.parquet"), meta.stringSlots("resource"),
                meta.stringSlots("span"));
        vp4 = GoldenFixtures.bundledVp4Golden();
    }

    /** docs/tempo-format.md §17 (the vParquet3 block) and §5: the meta the oracle is given. */
    @Test
    void metaIsVParquet3With134TracesAndTheBundledDedicatedSlots() {
        assertEquals("vParquet3", meta.format());
        assertEquals(134, meta.totalObjects());
        assertEquals(List.of("ip"), meta.stringSlots("resource"));
        assertEquals(List.of("instance", "version", "region", "sampler.type"), meta.stringSlots("span"));
    }

    /** Errata 9: the vP3 and pre-release vP4 blocks hold the same traces and map to identical OTLP. */
    @Test
    void equalsTheVParquet4GoldenTraceForTrace() {
        assertEquals(134, vp3.size());
        assertEquals(vp4.size(), vp3.size());
        for (int i = 0; i < vp3.size(); i++) {
            GoldenTrace expected = vp4.get(i);
            GoldenTrace actual = vp3.get(i);
            String id = HEX.formatHex(expected.traceId());
            assertEquals(expected.traceLevelColumns(), actual.traceLevelColumns(), "row " + i);
            // vP3 has no ServiceStats column; the pre-release vP4 block's are all empty
            assertTrue(actual.serviceStats().isEmpty() && expected.serviceStats().isEmpty(), id);
            assertEquals(expected.otlp(), actual.otlp(), id);
        }
    }

    /** §18's counts, which the equality above carries over; checked directly so a shared mistake cannot hide. */
    @Test
    void countsOfTheBundledBlock() {
        List<Span> spans = vp3.stream().flatMap(t -> t.otlp().getResourceSpansList().stream())
                .flatMap(rs -> rs.getScopeSpansList().stream()).flatMap(ss -> ss.getSpansList().stream()).toList();
        assertEquals(537, vp3.stream().mapToLong(t -> t.otlp().getResourceSpansCount()).sum());
        assertEquals(570, spans.size());
        assertEquals(134, spans.stream().filter(s -> s.getParentSpanId().isEmpty()).count());
        assertEquals(3, spans.stream().filter(s -> s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR).count());
        assertEquals(561, spans.stream().flatMap(s -> s.getAttributesList().stream())
                .filter(a -> !List.of("instance", "version", "region", "sampler.type", "http.method", "http.url",
                        "http.status_code").contains(a.getKey())).count());
        assertEquals("0000000000000000fff92eebf68f8230", HEX.formatHex(vp3.getLast().traceId()));
    }

    /** Errata 6 and 7, and §8.2's order with vP3's scalar columns, on a hand-made file. */
    @Test
    void vp3FileMapsScalarsJsonPrecedenceEventsAndLinks(@TempDir Path directory) throws Exception {
        Path file = GoldenFixtures.vp3File(directory);
        List<GoldenTrace> golden = Vp3Golden.read(file, GoldenFixtures.VP3_RESOURCE_SLOTS, GoldenFixtures.VP3_SPAN_SLOTS);

        assertEquals(1, golden.size());
        GoldenTrace trace = golden.getFirst();
        assertArrayEquals(GoldenFixtures.VP3_TRACE_ID, trace.traceId());
        assertTrue(trace.serviceStats().isEmpty());
        ByteString id = ByteString.copyFrom(GoldenFixtures.VP3_TRACE_ID);
        TracesData expected = TracesData.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder()
                        .addAttributes(kv("s", string("x")))
                        .addAttributes(kv("i", integer(7)))
                        .addAttributes(kv("d", AnyValue.newBuilder().setDoubleValue(1.5).build()))
                        .addAttributes(kv("b", bool(false)))
                        .addAttributes(kv("arr", json(GoldenFixtures.MIXED_ARRAY)))
                        .addAttributes(kv("kv", json(GoldenFixtures.KVLIST)))
                        .addAttributes(kv("string.first", string("wins")))
                        .addAttributes(kv("array.before.kvlist", json(GoldenFixtures.MIXED_ARRAY)))
                        .addAttributes(kv("nothing", AnyValue.getDefaultInstance()))
                        .addAttributes(kv("blank.json", AnyValue.getDefaultInstance()))
                        .addAttributes(kv("ip", string("10.0.0.1")))
                        .addAttributes(kv("service.name", string("svc")))
                        .addAttributes(kv("k8s.pod.name", string("pod-1"))))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("lib").setVersion("1.2"))
                        .addSpans(Span.newBuilder()
                                .setTraceId(id).setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                                .setTraceState("a=b").setName("op").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                                .setStartTimeUnixNano(1000).setEndTimeUnixNano(2000)
                                .addAttributes(kv("n", integer(3)))
                                .addAttributes(kv("version", string("v1")))
                                .addAttributes(kv("http.method", string("POST")))
                                .addAttributes(kv("http.status_code", integer(500)))
                                .setDroppedAttributesCount(1)
                                .addEvents(Span.Event.newBuilder().setTimeUnixNano(1500).setName("ev")
                                        .addAttributes(kv("proto", integer(7)))
                                        .addAttributes(kv("json", json(GoldenFixtures.VP3_EVENT_JSON)))
                                        .setDroppedAttributesCount(4))
                                .setDroppedEventsCount(2)
                                .addLinks(GoldenFixtures.VP3_LINK)
                                .setDroppedLinksCount(3)
                                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)
                                        .setMessage("fine")))))
                .build();
        assertEquals(expected, trace.otlp());
        assertEquals(0x301, trace.otlp().getResourceSpans(0).getScopeSpans(0).getSpans(0).getLinks(0).getFlags());
    }

    @Test
    void refusesAVParquet4FileAndRepeatedSlotNames() {
        Path vp4File = Corpus.tempoBlock().resolve("data.parquet");
        IllegalArgumentException notVp3 = assertThrows(IllegalArgumentException.class,
                () -> Vp3Golden.read(vp4File, List.of(), List.of()));
        assertTrue(notVp3.getMessage().contains("not a vParquet3 file"), notVp3.getMessage());
        Path vp3File = GoldenFixtures.vp3Block().resolve("data.parquet");
        assertThrows(IllegalArgumentException.class, () -> Vp3Golden.read(vp3File, List.of("ip", "ip"), List.of()));
    }
}
