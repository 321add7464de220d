package io.pqflux.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.columns.BlockColumns;
import io.pqflux.tempo.generator.TempoBlockWriter;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.AttributeOwner;
import io.pqflux.tempo.testing.MappedBlocks;
import io.pqflux.testdata.TestScale;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traces read in {@link TraceForm#ENCODED} against the same traces read as objects: every trace of the bundled block of
 * each format and of a generated block in several row groups, in every preset and an attribute projection, encodes to
 * exactly the bytes protobuf-java serializes the objects to, with the same trace-level fields; FindTraceByID and the
 * trace size limit behave alike in both forms.
 */
@DisabledIfSystemProperty(named = TestScale.POOL_DEBUG_PROPERTY, matches = "true",
        disabledReason = "bytes compared with the objects; the same walk of the columns runs there in the other tests")
class EncodedTracesTest {

    @TempDir
    static Path root;
    private static Path generated;

    @BeforeAll
    static void generate() {
        TempoBlockWriter.WrittenBlock written = TempoBlockWriter.generate(root, TempoBlockWriter.Settings.defaults(17)
                .withRowGroupSizeBytes(64 << 10), 17, 300);
        assertThat(written.rowGroupCount()).isGreaterThan(1);
        generated = written.directory();
    }

    static Stream<Arguments> blocksAndPresets() {
        List<Arguments> out = new ArrayList<>();
        for (String block : List.of("vParquet3", "vParquet4", "vParquet5", "generated")) {
            for (TracePreset preset : TracePreset.values()) out.add(Arguments.of(block, preset));
        }
        return out.stream();
    }

    private static Path block(String name) {
        return switch (name) {
            case "vParquet3" -> MappedBlocks.VP3;
            case "vParquet4" -> MappedBlocks.VP4;
            case "vParquet5" -> MappedBlocks.VP5;
            default -> generated;
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("blocksAndPresets")
    void everyTraceEncodesAsProtobufSerializesItsObjects(String name, TracePreset preset) {
        TempoBlock block = TempoBlock.open(block(name));
        TraceReadOptions options = TraceReadOptions.defaults().withPreset(preset);
        List<Trace> objects = block.traces(options).collectList().block(Duration.ofMinutes(1));
        List<Trace> encoded = block.traces(options.withForm(TraceForm.ENCODED)).collectList().block(Duration.ofMinutes(1));
        assertSameTraces(objects, encoded);
        if (preset != TracePreset.SUMMARY) assertThat(encoded.stream().mapToInt(Trace::spanCount).sum()).isPositive();
    }

    @Test
    void anAttributeProjectionEncodesAsItsObjects() {
        for (String name : List.of("vParquet3", "vParquet4", "vParquet5", "generated")) {
            BlockColumns columns = BlockColumns.of(TempoBlock.open(block(name)));
            AttributeKeys keys = AttributeKeys.named(Map.of(AttributeOwner.SPAN, Set.of("http.method", "instance"),
                    AttributeOwner.RESOURCE, Set.of("service.name")));
            List<Trace> objects = columns.traces(TraceReadOptions.defaults(), keys).collectList().block();
            List<Trace> encoded = columns.traces(TraceReadOptions.defaults().withForm(TraceForm.ENCODED), keys)
                    .collectList().block();
            assertSameTraces(objects, encoded);
        }
    }

    @Test
    void findTraceGivesTheSameTraceInBothForms() {
        for (String name : List.of("vParquet3", "vParquet5", "generated")) {
            TempoBlock block = TempoBlock.open(block(name));
            List<Trace> all = block.traces(TraceReadOptions.defaults()).collectList().block();
            for (Trace expected : all.subList(0, Math.min(40, all.size()))) {
                TraceLookup lookup = block.findTrace(TraceId.of(expected.traceId()), TracePreset.FULL,
                        TraceReadOptions.DEFAULT_MAX_TRACE_BYTES, TraceForm.ENCODED).block();
                assertThat(lookup.trace()).isPresent();
                assertSameTraces(List.of(expected), List.of(lookup.trace().get()));
            }
        }
    }

    /** The limit counts the same bytes in both forms: a lookup fails in one exactly where it fails in the other. */
    @Test
    void aTraceOverTheLimitFailsAlikeInBothForms() {
        TempoBlock block = TempoBlock.open(generated);
        List<Trace> all = block.traces(TraceReadOptions.defaults()).collectList().block().subList(0, 60);
        long[] sizes = all.stream().mapToLong(t -> t.toTracesData().getResourceSpansList().stream()
                .mapToLong(rs -> rs.getSerializedSize()).sum()).toArray();
        long limit = Arrays.stream(sizes).sorted().toArray()[sizes.length / 2];
        int failed = 0;
        for (int i = 0; i < all.size(); i++) {
            TraceId id = TraceId.of(all.get(i).traceId());
            for (long max : new long[] {limit, sizes[i], sizes[i] - 1}) {
                Throwable objects = catchThrowable(() -> block.findTrace(id, TracePreset.FULL, max).block());
                Throwable encoded = catchThrowable(() -> block.findTrace(id, TracePreset.FULL, max, TraceForm.ENCODED).block());
                assertThat(encoded == null).as("trace %s at %d bytes", id, max).isEqualTo(objects == null);
                if (objects != null) {
                    failed++;
                    assertThat(encoded).isInstanceOf(TempoException.class).hasMessage(objects.getMessage());
                    assertThat(((TempoException) encoded).reason()).isEqualTo(TempoException.Reason.TRACE_TOO_LARGE);
                }
            }
        }
        // about half at the median, none at their own size, all one byte under it
        assertThat(failed).isBetween(all.size() + 20, 2 * all.size() - 20);
    }

    /**
     * Text outside ASCII in every kind of string column (span name, trace state and status message; generic, well-known,
     * dedicated and http attributes, string arrays; scope, event and link fields) comes out of the encoded form, which
     * copies most of it from the columns' bytes, as the objects decode it: the same bytes either way, and the text the
     * block was written with.
     */
    @Test
    void textOutsideAsciiEncodesAsItsObjects(@TempDir Path dir) {
        String name = "GET /ünïcödé \uD83D\uDE00 €";
        AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                .addValues(AnyValue.newBuilder().setStringValue("é")).addValues(AnyValue.newBuilder().setStringValue("\uD83D\uDE00"))).build();
        Span span = Span.newBuilder().setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                .setSpanId(ByteString.copyFrom(new byte[] {1, 1, 1, 1, 1, 1, 1, 1})).setName(name).setTraceState("k=vé")
                .setKind(Span.SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(1_740_823_200_000_000_000L)
                .setEndTimeUnixNano(1_740_823_200_500_000_000L)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("fäiled ✗"))
                .addAttributes(text("http.method", "GÉT")).addAttributes(text("http.url", "/ü?q=ß"))
                .addAttributes(text("instance", "ïnstance-1")).addAttributes(text("component", "cömpönent"))
                .addAttributes(KeyValue.newBuilder().setKey("tags").setValue(array))
                .addEvents(Span.Event.newBuilder().setName("exceptiön").setTimeUnixNano(1_740_823_200_100_000_000L)
                        .addAttributes(text("message", "ünhandled")))
                .addLinks(Span.Link.newBuilder().setTraceId(ByteString.copyFrom(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}))
                        .setSpanId(ByteString.copyFrom(new byte[] {2, 2, 2, 2, 2, 2, 2, 2})).setTraceState("t=é")
                        .addAttributes(text("link.kind", "fölgt")))
                .build();
        TracesData trace = TracesData.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(text("service.name", "fröntend"))
                        .addAttributes(text("cluster", "clüster")).addAttributes(text("ip", "10.0.0.1 ☃"))
                        .addAttributes(text("host.name", "høst")))
                .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("scöpe")
                        .setVersion("v1€")).addSpans(span)))
                .build();
        Path written = TempoBlockWriter.write(dir, TempoBlockWriter.Settings.defaults(5), List.of(trace)).directory();
        TempoBlock block = TempoBlock.open(written);
        List<Trace> objects = block.traces(TraceReadOptions.defaults()).collectList().block(Duration.ofMinutes(1));
        List<Trace> encoded = block.traces(TraceReadOptions.defaults().withForm(TraceForm.ENCODED)).collectList()
                .block(Duration.ofMinutes(1));
        assertSameTraces(objects, encoded);
        Span read = objects.get(0).toTracesData().getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertThat(read.getName()).isEqualTo(name);
        assertThat(read.getStatus().getMessage()).isEqualTo("fäiled ✗");
        assertThat(read.getAttributesList()).contains(text("http.url", "/ü?q=ß"), text("instance", "ïnstance-1"),
                text("component", "cömpönent"), KeyValue.newBuilder().setKey("tags").setValue(array).build());
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    @Test
    void eachFormGivesTheOther() {
        Trace objects = TempoBlock.open(MappedBlocks.VP5).traces(TraceReadOptions.defaults()).blockFirst();
        Trace encoded = Trace.encoded(objects.traceId(), objects.startTimeUnixNano(), objects.endTimeUnixNano(),
                objects.durationNano(), objects.rootServiceName(), objects.rootSpanName(), objects.serviceStats(),
                objects.toTracesData().toByteArray(), objects.spanCount());
        assertThat(encoded.resourceSpans()).isEqualTo(objects.resourceSpans());
        assertThat(encoded.serializedSize()).isEqualTo(objects.serializedSize());
        assertThat(bytes(objects.tracesData())).isEqualTo(bytes(encoded.tracesData()));
        assertThat(encoded.tracesData().isReadOnly()).isTrue();
    }

    private static void assertSameTraces(List<Trace> objects, List<Trace> encoded) {
        assertThat(encoded).hasSameSizeAs(objects);
        for (int i = 0; i < objects.size(); i++) {
            Trace expected = objects.get(i), actual = encoded.get(i);
            String id = expected.traceIdHex();
            assertThat(actual.traceIdHex()).isEqualTo(id);
            assertThat(bytes(actual.tracesData())).as("trace %s", id).isEqualTo(expected.toTracesData().toByteArray());
            assertThat(actual.spanCount()).as("trace %s", id).isEqualTo(expected.spanCount());
            assertThat(actual.serializedSize()).isEqualTo(expected.toTracesData().getSerializedSize());
            assertThat(actual.startTimeUnixNano()).isEqualTo(expected.startTimeUnixNano());
            assertThat(actual.endTimeUnixNano()).isEqualTo(expected.endTimeUnixNano());
            assertThat(actual.durationNano()).isEqualTo(expected.durationNano());
            assertThat(actual.rootServiceName()).isEqualTo(expected.rootServiceName());
            assertThat(actual.rootSpanName()).isEqualTo(expected.rootSpanName());
            assertThat(actual.serviceStats()).isEqualTo(expected.serviceStats());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
