package io.pqflux.otap.generator;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.otap.generator.OtlpSamples.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The exporter {@link Layout}s (docs/otap-format.md), applied to a finished sample batch of any signal. The three signals share their
 * envelope's field numbers (data: 1 = resources; ResourceX: 1 = resource, 2 = scopes, 3 = schema URL; ScopeX: 1 =
 * scope, 2 = records), so one reflective rewrite serves all. Seeded by (seed, batch) with a random source of its own:
 * the base batch is the same with or without layouts. No layout gives attributes to a record that had none.
 */
final class SampleLayouts {

    /** Non-ASCII (a 4-byte code point too) and longer than the 64-byte statistics truncation, in several ways. */
    static final List<String> EDGE_STRINGS = List.of(
            "ключ-中文-🎉-é",
            "x".repeat(63) + "é-a two-byte character across byte 64",
            "\uDBFF\uDFFF".repeat(20),
            "a".repeat(64) + "-same 64-byte prefix 1",
            "a".repeat(64) + "-same 64-byte prefix 2");
    /** An empty key, a non-ASCII one and one longer than 64 bytes. */
    static final List<String> EDGE_KEYS = List.of("", "ключ.中.🎉", "k".repeat(65) + ".long");
    static final int WIDE_ATTRIBUTES = 120;
    private static final long TOP_BIT = Long.MIN_VALUE;
    private static final Set<String> EDGE_STRING_FIELDS = Set.of("name", "version", "severity_text", "event_name",
            "trace_state", "description", "unit", "message", "schema_url");
    private static final Set<Descriptor> ID_ROWS = Set.of(Span.getDescriptor(), Span.Event.getDescriptor(),
            Span.Link.getDescriptor(), Metric.getDescriptor(), NumberDataPoint.getDescriptor(),
            HistogramDataPoint.getDescriptor(), ExponentialHistogramDataPoint.getDescriptor(),
            SummaryDataPoint.getDescriptor(), Exemplar.getDescriptor());

    private final Random random;
    private final int batch;

    private SampleLayouts(long seed, int batch) {
        this.random = new Random(seed * 7_919L + batch * 104_729L + 19);
        this.batch = batch;
    }

    @SuppressWarnings("unchecked")
    static <M extends Message> M apply(M data, long seed, int batch, Set<Layout> layouts) {
        if (layouts.isEmpty()) return data;
        SampleLayouts layout = new SampleLayouts(seed, batch);
        Message out = data;
        if (layouts.contains(Layout.SPILL)) out = layout.spill(out);
        if (layouts.contains(Layout.EDGE_VALUES)) out = layout.edgeValues(out);
        if (layouts.contains(Layout.DEFAULT_VALUES)) out = layout.defaultValues(out, batch % 2 == 1);
        if (layouts.contains(Layout.UNATTRIBUTED_LOGS) && batch % 3 == 1) {
            out = rewrite(out, m -> m instanceof LogRecord log ? log.toBuilder().clearAttributes().build() : m);
        }
        if (layouts.contains(Layout.FEW_ATTRIBUTED_LOGS) && batch % 3 == 0) out = firstLogAttributedOnly(out);
        return (M) out;
    }

    /** Only the first log with attributes keeps them. */
    private static Message firstLogAttributedOnly(Message data) {
        boolean[] first = {true};
        return rewrite(data, m -> {
            if (!(m instanceof LogRecord log) || log.getAttributesCount() == 0) return m;
            if (first[0]) {
                first[0] = false;
                return m;
            }
            return log.toBuilder().clearAttributes().build();
        });
    }

    // ---------------------------------------------------------------- spill

    /**
     * Logs: only the batch's first log keeps its attributes ({@code max_id} 0). All signals: a record-less resource
     * (attributes, one record-less scope) first, {@code n} record-less scopes with attributes before the first
     * resource's scopes — {@code n} more than any table has id rows, so every root row's {@code scope.id} lies beyond
     * the batch's largest top-level id — and a resource without scopes last.
     */
    private Message spill(Message data) {
        data = firstLogAttributedOnly(data);
        int n = maxIdRows(data) + 1;
        List<Message> resources = new ArrayList<>(children(data, 1));
        Message firstResource = resources.getFirst();
        Message scopeTemplate = children(firstResource, 2).getFirst();
        List<Message> scopes = new ArrayList<>();
        for (int i = 0; i < n; i++) scopes.add(recordlessScope(scopeTemplate, i + 1));
        scopes.addAll(children(firstResource, 2));
        resources.set(0, with(firstResource, 2, scopes));
        resources.addFirst(recordlessResource(firstResource, 0, List.of(recordlessScope(scopeTemplate, 0))));
        resources.addLast(recordlessResource(firstResource, 1, List.of()));
        return with(data, 1, resources);
    }

    private Message recordlessScope(Message template, int i) {
        InstrumentationScope scope = InstrumentationScope.newBuilder().setName("recordless-scope-" + batch + "-" + i)
                .addAttributes(OtlpSamples.kv("recordless.scope", OtlpSamples.str(batch + "/" + i))).build();
        return with(with(template, 2, List.of()), 1, scope);
    }

    private Message recordlessResource(Message template, int i, List<Message> scopes) {
        Resource resource = Resource.newBuilder()
                .addAttributes(OtlpSamples.kv("service.name", OtlpSamples.str("recordless-" + batch + "-" + i)))
                .addAttributes(OtlpSamples.kv("recordless.resource", AnyValue.newBuilder().setIntValue(i).build())).build();
        return with(with(template, 2, scopes), 1, resource);
    }

    /** The most rows any one kind of id-bearing record has in the batch (attributed logs, spans, points, …). */
    private static int maxIdRows(Message data) {
        Map<Descriptor, Integer> counts = new HashMap<>();
        rewrite(data, m -> {
            boolean counted = ID_ROWS.contains(m.getDescriptorForType())
                    || m instanceof LogRecord log && log.getAttributesCount() > 0;
            if (counted) counts.merge(m.getDescriptorForType(), 1, Integer::sum);
            return m;
        });
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    // ---------------------------------------------------------------- edge values

    /**
     * About a third of all messages with u64 times {@code >= 2^63}, u32-max dropped counts and flags, u64-max counts
     * and edge strings, about a third of the non-empty attribute lists with edge keys and values and of the bodies with
     * edge values; then the batch's second scope and second resource absent and its first record with exactly
     * {@value #WIDE_ATTRIBUTES} attributes (logs, spans) or metadata entries (metrics).
     */
    private Message edgeValues(Message data) {
        data = rewrite(data, m -> edgeAttributes(random.nextInt(3) == 0 ? edgeFields(m) : m));
        List<Message> resources = new ArrayList<>(children(data, 1));
        int scopeIndex = 0;
        boolean wide = false;
        for (int r = 0; r < resources.size(); r++) {
            List<Message> scopes = new ArrayList<>(children(resources.get(r), 2));
            for (int s = 0; s < scopes.size(); s++) {
                if (scopeIndex++ == 1) scopes.set(s, without(scopes.get(s), 1));
                List<Message> records = new ArrayList<>(children(scopes.get(s), 2));
                if (!wide && !records.isEmpty()) {
                    records.set(0, wide(records.getFirst()));
                    scopes.set(s, with(scopes.get(s), 2, records));
                    wide = true;
                }
            }
            Message resource = with(resources.get(r), 2, scopes);
            resources.set(r, r == 1 ? without(resource, 1) : resource);
        }
        return with(data, 1, resources);
    }

    private Message wide(Message record) {
        FieldDescriptor attributes = keyValueFields(record).getFirst();
        List<KeyValue> values = new ArrayList<>(keyValues(record, attributes));
        for (int i = values.size(); i < WIDE_ATTRIBUTES; i++) {
            values.add(OtlpSamples.kv("wide.%03d".formatted(i), edgeValue(i)));
        }
        return record.toBuilder().setField(attributes, values).build();
    }

    private AnyValue edgeValue(int i) {
        return switch (i % 5) {
            case 0 -> OtlpSamples.str(EDGE_STRINGS.get(random.nextInt(EDGE_STRINGS.size())));
            case 1 -> AnyValue.newBuilder().setIntValue(random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE).build();
            case 2 -> AnyValue.newBuilder().setDoubleValue(random.nextBoolean() ? Double.MAX_VALUE : -Double.MIN_VALUE).build();
            case 3 -> AnyValue.newBuilder().setBoolValue(random.nextBoolean()).build();
            default -> {
                byte[] bytes = new byte[65 + random.nextInt(40)];
                if (random.nextBoolean()) Arrays.fill(bytes, (byte) 0xff);
                else random.nextBytes(bytes);
                yield AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(bytes)).build();
            }
        };
    }

    /** Scalar fields of the message at their edges (attribute values and keys untouched). */
    private Message edgeFields(Message m) {
        Message.Builder b = m.toBuilder();
        for (FieldDescriptor field : m.getDescriptorForType().getFields()) {
            String name = field.getName();
            switch (field.getType()) {
                case FIXED64, UINT64 -> {
                    if (field.isRepeated()) {
                        if (name.equals("bucket_counts") && m.getRepeatedFieldCount(field) > 0) b.setRepeatedField(field, 0, -1L);
                    } else if (name.endsWith("time_unix_nano")) {
                        b.setField(field, (Long) m.getField(field) | TOP_BIT);
                    } else if (name.equals("count") || name.equals("zero_count")) {
                        b.setField(field, -1L);
                    }
                }
                case FIXED32, UINT32 -> {
                    if (name.startsWith("dropped_") || name.equals("flags")) b.setField(field, -1);
                }
                case STRING -> {
                    if (EDGE_STRING_FIELDS.contains(name) && !field.isRepeated()) {
                        b.setField(field, EDGE_STRINGS.get(random.nextInt(EDGE_STRINGS.size())));
                    }
                }
                default -> { }
            }
        }
        return b.build();
    }

    /** Edge keys with edge values added to non-empty attribute lists, edge bodies. */
    private Message edgeAttributes(Message m) {
        Message.Builder b = m.toBuilder();
        for (FieldDescriptor field : keyValueFields(m)) {
            List<KeyValue> attributes = keyValues(m, field);
            if (attributes.isEmpty() || random.nextInt(3) != 0) continue;
            List<KeyValue> out = new ArrayList<>(attributes);
            for (String key : EDGE_KEYS) out.add(OtlpSamples.kv(key, edgeValue(random.nextBoolean() ? 0 : 4)));
            b.setField(field, out);
        }
        if (m instanceof LogRecord && random.nextInt(3) == 0) {
            b.setField(LogRecord.getDescriptor().findFieldByName("body"), edgeValue(random.nextBoolean() ? 0 : 4));
        }
        return b.build();
    }

    // ---------------------------------------------------------------- default values

    /**
     * Every non-empty attribute list (all tables) gets one value of each scalar type equal to its default ("", 0,
     * 0.0 or -0.0, false, empty bytes); in an all-default batch every scalar value and every body is also replaced by
     * its type's default, so the {@code str}, {@code int}, {@code double} and {@code bytes} columns are left out of
     * every attribute table and of the body, while {@code bool} stays; otherwise a third of the bodies.
     */
    private Message defaultValues(Message data, boolean allDefault) {
        return rewrite(data, m -> {
            Message.Builder b = m.toBuilder();
            for (FieldDescriptor field : keyValueFields(m)) {
                List<KeyValue> attributes = keyValues(m, field);
                if (attributes.isEmpty()) continue;
                List<KeyValue> out = new ArrayList<>();
                for (KeyValue kv : attributes) out.add(allDefault ? kv.toBuilder().setValue(defaultOf(kv.getValue())).build() : kv);
                out.add(OtlpSamples.kv("default.str", OtlpSamples.str("")));
                out.add(OtlpSamples.kv("default.int", AnyValue.newBuilder().setIntValue(0).build()));
                out.add(OtlpSamples.kv("default.double", AnyValue.newBuilder().setDoubleValue(random.nextBoolean() ? -0.0 : 0.0).build()));
                out.add(OtlpSamples.kv("default.bool", AnyValue.newBuilder().setBoolValue(false).build()));
                out.add(OtlpSamples.kv("default.bytes", AnyValue.newBuilder().setBytesValue(ByteString.EMPTY).build()));
                b.setField(field, out);
            }
            if (m instanceof LogRecord log && log.hasBody() && (allDefault || random.nextInt(3) == 0)) {
                ((LogRecord.Builder) b).setBody(defaultOf(log.getBody()));
            }
            return b.build();
        });
    }

    /** A scalar value's type default; empty values and containers as they are. */
    static AnyValue defaultOf(AnyValue value) {
        AnyValue.Builder b = AnyValue.newBuilder();
        return switch (value.getValueCase()) {
            case STRING_VALUE -> b.setStringValue("").build();
            case INT_VALUE -> b.setIntValue(0).build();
            case DOUBLE_VALUE -> b.setDoubleValue(0.0).build();
            case BOOL_VALUE -> b.setBoolValue(false).build();
            case BYTES_VALUE -> b.setBytesValue(ByteString.EMPTY).build();
            default -> value;
        };
    }

    // ---------------------------------------------------------------- reflective rewriting

    /**
     * The message with {@code f} applied bottom-up to it and every message below it, in field-number order;
     * attribute values ({@link KeyValue}, {@link AnyValue}) are not descended into.
     */
    @SuppressWarnings("unchecked")
    static Message rewrite(Message m, UnaryOperator<Message> f) {
        Message.Builder b = m.toBuilder();
        for (Map.Entry<FieldDescriptor, Object> entry : m.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || isValue(field.getMessageType())) continue;
            if (field.isRepeated()) {
                b.setField(field, ((List<Message>) entry.getValue()).stream().map(c -> rewrite(c, f)).toList());
            } else {
                b.setField(field, rewrite((Message) entry.getValue(), f));
            }
        }
        return f.apply(b.build());
    }

    private static boolean isValue(Descriptor type) {
        return type == KeyValue.getDescriptor() || type == AnyValue.getDescriptor();
    }

    /** The message's attribute lists: {@code attributes}, {@code metadata}, {@code filtered_attributes}. */
    private static List<FieldDescriptor> keyValueFields(Message m) {
        return m.getDescriptorForType().getFields().stream()
                .filter(f -> f.isRepeated() && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                        && f.getMessageType() == KeyValue.getDescriptor())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<KeyValue> keyValues(Message m, FieldDescriptor field) {
        return (List<KeyValue>) m.getField(field);
    }

    @SuppressWarnings("unchecked")
    private static List<Message> children(Message m, int number) {
        return (List<Message>) m.getField(m.getDescriptorForType().findFieldByNumber(number));
    }

    private static Message with(Message m, int number, Object value) {
        return m.toBuilder().setField(m.getDescriptorForType().findFieldByNumber(number), value).build();
    }

    private static Message without(Message m, int number) {
        return m.toBuilder().clearField(m.getDescriptorForType().findFieldByNumber(number)).build();
    }
}
