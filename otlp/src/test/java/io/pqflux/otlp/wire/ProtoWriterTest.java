package io.pqflux.otlp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ProtoWriter} against protobuf-java's own serialization: random OTLP messages (edge values included) written
 * field by field through a writer driven by the messages' descriptors — field-number order, each field with its
 * declared presence — come out byte for byte as {@code toByteArray()} gives them.
 */
class ProtoWriterTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomTracesAreByteIdentical(long seed) {
        Random random = new Random(seed);
        TracesData.Builder traces = TracesData.newBuilder();
        for (int r = random.nextInt(4); r >= 0; r--) {
            ResourceSpans.Builder rs = ResourceSpans.newBuilder().setResource(resource(random));
            if (random.nextBoolean()) rs.setSchemaUrl(text(random));
            for (int s = random.nextInt(3); s >= 0; s--) {
                ScopeSpans.Builder ss = ScopeSpans.newBuilder().setScope(scope(random));
                for (int n = random.nextInt(30); n > 0; n--) ss.addSpans(span(random));
                rs.addScopeSpans(ss);
            }
            traces.addResourceSpans(rs);
        }
        assertIdentical(traces.build());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void randomLogsAreByteIdentical(long seed) {
        Random random = new Random(seed);
        LogsData.Builder logs = LogsData.newBuilder();
        for (int r = random.nextInt(3); r >= 0; r--) {
            ResourceLogs.Builder rl = ResourceLogs.newBuilder().setResource(resource(random));
            for (int s = random.nextInt(3); s >= 0; s--) {
                ScopeLogs.Builder sl = ScopeLogs.newBuilder().setScope(scope(random));
                for (int n = random.nextInt(40); n > 0; n--) {
                    LogRecord.Builder log = LogRecord.newBuilder().setTimeUnixNano(random.nextLong())
                            .setObservedTimeUnixNano(random.nextBoolean() ? 0 : random.nextLong())
                            .setSeverityNumberValue(random.nextInt(25)).setSeverityText(text(random))
                            .setFlags(random.nextInt()).setTraceId(bytes(random, 16)).setSpanId(bytes(random, 8))
                            .setDroppedAttributesCount(random.nextInt(3)).addAllAttributes(attributes(random, 0));
                    if (random.nextBoolean()) log.setBody(value(random, 0));
                    sl.addLogRecords(log);
                }
                rl.addScopeLogs(sl);
            }
            logs.addResourceLogs(rl);
        }
        assertIdentical(logs.build());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void randomMetricsAreByteIdentical(long seed) {
        Random random = new Random(seed);
        ScopeMetrics.Builder scope = ScopeMetrics.newBuilder().setScope(scope(random));
        for (int n = 20 + random.nextInt(20); n > 0; n--) scope.addMetrics(metric(random));
        assertIdentical(MetricsData.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(resource(random)).addScopeMetrics(scope)).build());
    }

    /** A metric of a random type, with the packed, zigzag and optional fields of data points. */
    private static Metric metric(Random random) {
        Metric.Builder metric = Metric.newBuilder().setName(text(random)).setUnit(text(random))
                .addAllMetadata(attributes(random, 0));
        int points = random.nextInt(4);
        switch (random.nextInt(5)) {
            case 0 -> {
                Sum.Builder sum = metric.getSumBuilder().setAggregationTemporalityValue(random.nextInt(3))
                        .setIsMonotonic(random.nextBoolean());
                for (int p = 0; p < points; p++) sum.addDataPoints(numberPoint(random));
            }
            case 1 -> {
                Gauge.Builder gauge = metric.getGaugeBuilder();
                for (int p = 0; p < points; p++) gauge.addDataPoints(numberPoint(random));
            }
            case 2 -> {
                Histogram.Builder histogram = metric.getHistogramBuilder().setAggregationTemporalityValue(random.nextInt(3));
                for (int p = 0; p < points; p++) {
                    HistogramDataPoint.Builder point = histogram.addDataPointsBuilder()
                            .setTimeUnixNano(random.nextLong()).setCount(random.nextInt(100))
                            .addAllAttributes(attributes(random, 0));
                    if (random.nextBoolean()) point.setSum(random.nextBoolean() ? 0.0 : random.nextDouble());
                    if (random.nextBoolean()) point.setMin(-0.0);
                    for (int b = random.nextInt(20); b > 0; b--) point.addBucketCounts(random.nextLong());
                    for (int b = random.nextInt(20); b > 0; b--) point.addExplicitBounds(random.nextGaussian());
                }
            }
            case 3 -> {
                ExponentialHistogram.Builder histogram = metric.getExponentialHistogramBuilder();
                for (int p = 0; p < points; p++) {
                    ExponentialHistogramDataPoint.Builder point = histogram.addDataPointsBuilder()
                            .setScale(random.nextInt(41) - 20).setZeroCount(random.nextInt(3))
                            .setPositive(buckets(random)).setNegative(buckets(random));
                    if (random.nextBoolean()) point.setMax(random.nextDouble());
                }
            }
            default -> {
                Summary.Builder summary = metric.getSummaryBuilder();
                for (int p = 0; p < points; p++) {
                    SummaryDataPoint.Builder point = summary.addDataPointsBuilder().setSum(random.nextDouble())
                            .setCount(random.nextInt(9)).setFlags(random.nextInt(2));
                    for (int q = random.nextInt(4); q > 0; q--) {
                        point.addQuantileValuesBuilder().setQuantile(random.nextDouble()).setValue(random.nextDouble());
                    }
                }
            }
        }
        return metric.build();
    }

    private static NumberDataPoint numberPoint(Random random) {
        NumberDataPoint.Builder point = NumberDataPoint.newBuilder().setStartTimeUnixNano(random.nextLong())
                .setTimeUnixNano(random.nextLong()).addAllAttributes(attributes(random, 0));
        if (random.nextBoolean()) point.setAsInt(random.nextBoolean() ? 0 : random.nextLong());
        else point.setAsDouble(random.nextBoolean() ? 0.0 : random.nextDouble());
        for (int e = random.nextInt(3); e > 0; e--) {
            Exemplar.Builder exemplar = point.addExemplarsBuilder().setSpanId(bytes(random, 8))
                    .addAllFilteredAttributes(attributes(random, 0));
            if (random.nextBoolean()) exemplar.setAsInt(random.nextLong());
            else exemplar.setAsDouble(random.nextDouble());
        }
        return point.build();
    }

    private static ExponentialHistogramDataPoint.Buckets buckets(Random random) {
        ExponentialHistogramDataPoint.Buckets.Builder buckets = ExponentialHistogramDataPoint.Buckets.newBuilder()
                .setOffset(random.nextInt(2001) - 1000);
        for (int b = random.nextInt(10); b > 0; b--) buckets.addBucketCounts(random.nextBoolean() ? random.nextInt(200) : random.nextLong());
        return buckets.build();
    }

    @Test
    void edgeValues() {
        assertIdentical(Span.newBuilder().setKindValue(-1).setDroppedAttributesCount(-1).setFlags(-1)
                .setStartTimeUnixNano(-1).setName("\uD800 lone \uDC00 surrogates \uD83D\uDE00 pair").build());
        assertIdentical(KeyValue.newBuilder().setValue(AnyValue.newBuilder().setStringValue("")).build());
        assertIdentical(KeyValue.newBuilder().setValue(AnyValue.newBuilder().setIntValue(0)).build());
        assertIdentical(KeyValue.newBuilder().setValue(AnyValue.newBuilder().setDoubleValue(-0.0)).build());
        assertIdentical(KeyValue.newBuilder().setValue(AnyValue.newBuilder().setDoubleValue(Double.NaN)).build());
        assertIdentical(KeyValue.newBuilder().setValue(AnyValue.newBuilder().setBoolValue(false)).build());
        assertIdentical(KeyValue.newBuilder().setValue(AnyValue.newBuilder().setBytesValue(ByteString.EMPTY)).build());
        assertIdentical(KeyValue.newBuilder().setValue(AnyValue.getDefaultInstance()).build());
        assertIdentical(Span.newBuilder().setStatus(Status.getDefaultInstance()).build());
        // lengths at the varint steps: 127/128 and 16383/16384 bytes of content
        for (int length : new int[] {125, 126, 127, 128, 129, 16_381, 16_382, 16_383, 16_384, 2_097_152}) {
            assertIdentical(Span.newBuilder().setName("x".repeat(length)).build());
            assertIdentical(Span.newBuilder().setStatus(Status.newBuilder().setMessage("é".repeat(length / 2))).build());
        }
    }

    @Test
    void aBufferGrowsFromItsFirstSizeAndIsReused() {
        ProtoWriter writer = new ProtoWriter(16);
        Span span = span(new Random(9));
        DescriptorWriter.write(writer, span);
        assertThat(writer.toByteArray()).isEqualTo(span.toByteArray());
        writer.reset();
        assertThat(writer.size()).isZero();
        int mark = writer.begin(1);
        writer.string(1, "a");
        writer.end(mark);
        assertThat(writer.toByteArray()).containsExactly(0x0A, 3, 0x0A, 1, 'a');
    }

    @Test
    void bytesFromAColumnAndEncodedFieldsAreCopiedAsTheyAre() {
        ProtoWriter writer = new ProtoWriter(16);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment id = arena.allocate(8);
            for (int i = 0; i < 8; i++) id.set(ValueLayout.JAVA_BYTE, i, (byte) (i + 1));
            writer.bytes(Span.SPAN_ID_FIELD_NUMBER, id);
            writer.bytes(Span.PARENT_SPAN_ID_FIELD_NUMBER, arena.allocate(0));
        }
        byte[] link = Span.Link.newBuilder().setTraceState("t").build().toByteArray();
        writer.raw(link, 0, link.length);
        assertThat(writer.toByteArray()).isEqualTo(Span.newBuilder()
                .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).setTraceState("t").build()
                .toByteArray());
        assertThatThrownBy(() -> new ProtoWriter(8)).isInstanceOf(IllegalArgumentException.class);

        // bytes amid others in a store, written from their offset: a oneof member, written even when empty
        byte[] store = {9, 9, 9, 1, 2, 3, 9};
        ProtoWriter member = new ProtoWriter(16);
        member.bytesAlways(AnyValue.BYTES_VALUE_FIELD_NUMBER, MemorySegment.ofArray(store), 3, 3);
        assertThat(member.toByteArray()).isEqualTo(AnyValue.newBuilder()
                .setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3})).build().toByteArray());
        member.reset();
        member.bytesAlways(AnyValue.BYTES_VALUE_FIELD_NUMBER, MemorySegment.ofArray(store), 7, 0);
        assertThat(member.toByteArray()).isEqualTo(AnyValue.newBuilder().setBytesValue(ByteString.EMPTY).build()
                .toByteArray());
        assertThatThrownBy(() -> member.bytesAlways(AnyValue.BYTES_VALUE_FIELD_NUMBER, MemorySegment.ofArray(store), 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Text from a column is written as protobuf-java writes the {@code String} decoded from it: ASCII of every length
     * around the eight-byte steps of the check, valid multi-byte text, and malformed UTF-8 (stray continuations,
     * overlong forms, encoded surrogates, code points past U+10FFFF, truncated sequences, random bytes).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void textFromAColumnIsWrittenAsItsDecodedString(long seed) {
        Random random = new Random(seed);
        byte[][] pieces = {"a".getBytes(StandardCharsets.UTF_8), "é".getBytes(StandardCharsets.UTF_8),
            "€".getBytes(StandardCharsets.UTF_8), "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8), {(byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}, {0x7F}};
        try (Arena arena = Arena.ofConfined()) {
            for (int round = 0; round < 2_000; round++) {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                int length = round < 40 ? round : random.nextInt(300);
                boolean asciiOnly = random.nextBoolean();
                while (text.size() < length) {
                    byte[] piece = asciiOnly ? new byte[] {(byte) ('a' + random.nextInt(26))}
                            : random.nextInt(4) == 0 ? new byte[] {(byte) random.nextInt(256)}
                            : pieces[random.nextInt(pieces.length)];
                    text.writeBytes(piece);
                }
                byte[] bytes = text.toByteArray();
                // the value amid others in a column's store
                MemorySegment store = arena.allocate(bytes.length + 6);
                store.fill((byte) 0xC3);
                MemorySegment.copy(bytes, 0, store, ValueLayout.JAVA_BYTE, 3, bytes.length);
                String decoded = new String(bytes, StandardCharsets.UTF_8);
                ProtoWriter writer = new ProtoWriter(16);
                writer.string(KeyValue.KEY_FIELD_NUMBER, store, 3, bytes.length);
                assertThat(writer.toByteArray()).as("%s", Arrays.toString(bytes))
                        .isEqualTo(KeyValue.newBuilder().setKey(decoded).build().toByteArray());
                writer.reset();
                writer.stringAlways(AnyValue.STRING_VALUE_FIELD_NUMBER, store, 3, bytes.length);
                assertThat(writer.toByteArray()).as("%s", Arrays.toString(bytes))
                        .isEqualTo(AnyValue.newBuilder().setStringValue(decoded).build().toByteArray());
            }
        }
    }

    @Test
    void aMessageSerializedByProtobufIsEmbeddedWhole() {
        AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                .addValues(AnyValue.newBuilder().setIntValue(-5)).addValues(AnyValue.newBuilder().setStringValue("é"))).build();
        ProtoWriter writer = new ProtoWriter(16);
        writer.string(KeyValue.KEY_FIELD_NUMBER, "k");
        writer.message(KeyValue.VALUE_FIELD_NUMBER, array);
        assertThat(writer.toByteArray()).isEqualTo(KeyValue.newBuilder().setKey("k").setValue(array).build().toByteArray());
    }

    private static void assertIdentical(Message message) {
        ProtoWriter writer = new ProtoWriter(64);
        DescriptorWriter.write(writer, message);
        assertThat(writer.toByteArray()).isEqualTo(message.toByteArray());
    }

    // ---- random messages

    private static Resource resource(Random random) {
        return Resource.newBuilder().addAllAttributes(attributes(random, 0)).setDroppedAttributesCount(random.nextInt(2))
                .build();
    }

    private static InstrumentationScope scope(Random random) {
        return InstrumentationScope.newBuilder().setName(text(random)).setVersion(text(random))
                .addAllAttributes(attributes(random, 0)).build();
    }

    private static Span span(Random random) {
        Span.Builder span = Span.newBuilder().setTraceId(bytes(random, 16)).setSpanId(bytes(random, 8))
                .setParentSpanId(bytes(random, random.nextBoolean() ? 0 : 8)).setTraceState(text(random))
                .setName(text(random)).setKindValue(random.nextInt(6)).setStartTimeUnixNano(random.nextLong())
                .setEndTimeUnixNano(random.nextLong()).addAllAttributes(attributes(random, 0))
                .setDroppedAttributesCount(random.nextInt(3)).setDroppedEventsCount(random.nextInt(2))
                .setDroppedLinksCount(random.nextInt(2)).setFlags(random.nextInt(3) == 0 ? 0 : random.nextInt());
        if (random.nextBoolean()) {
            span.setStatus(Status.newBuilder().setCodeValue(random.nextInt(3)).setMessage(text(random)));
        }
        for (int e = random.nextInt(3); e > 0; e--) {
            span.addEvents(Span.Event.newBuilder().setTimeUnixNano(random.nextLong()).setName(text(random))
                    .addAllAttributes(attributes(random, 0)).setDroppedAttributesCount(random.nextInt(2)));
        }
        for (int l = random.nextInt(3); l > 0; l--) {
            span.addLinks(Span.Link.newBuilder().setTraceId(bytes(random, 16)).setSpanId(bytes(random, 8))
                    .setTraceState(text(random)).addAllAttributes(attributes(random, 0)).setFlags(random.nextInt(2)));
        }
        return span.build();
    }

    private static List<KeyValue> attributes(Random random, int depth) {
        List<KeyValue> out = new ArrayList<>();
        for (int a = random.nextInt(depth == 0 ? 6 : 3); a > 0; a--) {
            out.add(KeyValue.newBuilder().setKey(text(random)).setValue(value(random, depth)).build());
        }
        return out;
    }

    private static AnyValue value(Random random, int depth) {
        AnyValue.Builder value = AnyValue.newBuilder();
        switch (random.nextInt(depth < 2 ? 9 : 7)) {
            case 0 -> value.setStringValue(text(random));
            case 1 -> value.setIntValue(random.nextBoolean() ? random.nextInt(3) - 1 : random.nextLong());
            case 2 -> value.setDoubleValue(switch (random.nextInt(4)) {
                case 0 -> 0.0;
                case 1 -> -0.0;
                case 2 -> Double.NaN;
                default -> random.nextGaussian() * 1e9;
            });
            case 3 -> value.setBoolValue(random.nextBoolean());
            case 4 -> value.setBytesValue(bytes(random, random.nextInt(5)));
            case 5 -> value.setStringValue("");
            case 6 -> {
                // no value set
            }
            case 7 -> {
                ArrayValue.Builder array = ArrayValue.newBuilder();
                for (int i = random.nextInt(4); i > 0; i--) array.addValues(value(random, depth + 1));
                value.setArrayValue(array);
            }
            default -> value.setKvlistValue(KeyValueList.newBuilder().addAllValues(attributes(random, depth + 1)));
        }
        return value.build();
    }

    private static String text(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "é中\uD83D\uDE00" + random.nextInt(100);
            case 2 -> "long-" + "v".repeat(120 + random.nextInt(20));
            default -> "s" + random.nextInt(1000);
        };
    }

    private static ByteString bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }

    /** Writes any message through the writer, driven by its descriptor: an independent user of every method. */
    private static final class DescriptorWriter {

        static void write(ProtoWriter writer, Message message) {
            List<Map.Entry<FieldDescriptor, Object>> fields = new ArrayList<>(message.getAllFields().entrySet());
            fields.sort(Comparator.comparingInt(field -> field.getKey().getNumber()));
            for (Map.Entry<FieldDescriptor, Object> field : fields) {
                FieldDescriptor descriptor = field.getKey();
                if (descriptor.isPacked()) {
                    int mark = writer.begin(descriptor.getNumber());
                    for (Object element : (List<?>) field.getValue()) element(writer, descriptor, element);
                    writer.end(mark);
                } else if (descriptor.isRepeated()) {
                    for (Object element : (List<?>) field.getValue()) value(writer, descriptor, element, true);
                } else {
                    value(writer, descriptor, field.getValue(), descriptor.hasPresence());
                }
            }
        }

        private static void element(ProtoWriter writer, FieldDescriptor field, Object value) {
            switch (field.getType()) {
                case FIXED64 -> writer.fixed64Element((Long) value);
                case DOUBLE -> writer.doubleElement((Double) value);
                case UINT64 -> writer.uint64Element((Long) value);
                default -> throw new IllegalArgumentException("not a packed field of OTLP: " + field.getFullName());
            }
        }

        private static void value(ProtoWriter writer, FieldDescriptor field, Object value, boolean always) {
            int number = field.getNumber();
            switch (field.getType()) {
                case MESSAGE -> {
                    int mark = writer.begin(number);
                    write(writer, (Message) value);
                    writer.end(mark);
                }
                case STRING -> {
                    if (always) writer.stringAlways(number, (String) value);
                    else writer.string(number, (String) value);
                }
                case BYTES -> {
                    if (always) writer.bytesAlways(number, (ByteString) value);
                    else writer.bytes(number, ((ByteString) value).toByteArray());
                }
                case INT64, UINT64 -> {
                    if (always) writer.int64Always(number, (Long) value);
                    else writer.int64(number, (Long) value);
                }
                case INT32 -> {
                    if (always) writer.int32Always(number, (Integer) value);
                    else writer.int32(number, (Integer) value);
                }
                case ENUM -> writer.int32(number, ((com.google.protobuf.Descriptors.EnumValueDescriptor) value).getNumber());
                case UINT32 -> writer.uint32(number, (Integer) value);
                case SINT32 -> writer.sint32(number, (Integer) value);
                case FIXED64, SFIXED64 -> {
                    if (always) writer.fixed64Always(number, (Long) value);
                    else writer.fixed64(number, (Long) value);
                }
                case FIXED32, SFIXED32 -> writer.fixed32(number, (Integer) value);
                case DOUBLE -> {
                    if (always) writer.doubleAlways(number, (Double) value);
                    else writer.float64(number, (Double) value);
                }
                case BOOL -> {
                    if (always) writer.boolAlways(number, (Boolean) value);
                    else writer.bool(number, (Boolean) value);
                }
                default -> throw new IllegalArgumentException("not in OTLP: " + field.getType() + " " + field.getFullName());
            }
        }
    }
}
