package io.pqflux.tempo.generator;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.tempo.Trace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link TraceRow}s into the released vParquet4 schema (docs/tempo-format.md §4.1) straight through
 * parquet-java's record consumer, with Tempo's write rules: well-known and dedicated columns first (§5), attribute
 * values by §8.1, events relative to their span's start, span durations as end − start (§6).
 */
final class TraceRowWriteSupport extends WriteSupport<TraceRow> {

    /** Resource attributes with a column of their own, in column order, keyed by attribute name. */
    static final String[][] RESOURCE_WELL_KNOWN = {
            {"cluster", "Cluster"}, {"namespace", "Namespace"}, {"pod", "Pod"}, {"container", "Container"},
            {"k8s.cluster.name", "K8sClusterName"}, {"k8s.namespace.name", "K8sNamespaceName"},
            {"k8s.pod.name", "K8sPodName"}, {"k8s.container.name", "K8sContainerName"}};
    /** golang/protobuf jsonpb prints compactly, int64 as strings and bytes as base64, as this printer does. */
    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private final MessageType schema;
    private final List<String> resourceSlots;
    private final List<String> spanSlots;
    private RecordConsumer out;
    private final Deque<GroupType> groups = new ArrayDeque<>();

    /** @param resourceSlots attribute names of {@code String01…} of the resource, slot order; {@code spanSlots} alike */
    TraceRowWriteSupport(MessageType schema, List<String> resourceSlots, List<String> spanSlots) {
        this.schema = schema;
        this.resourceSlots = resourceSlots;
        this.spanSlots = spanSlots;
    }

    @SuppressWarnings("deprecation") // parquet-java still declares the Hadoop overload abstract
    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(TraceRow row) {
        out.startMessage();
        groups.push(schema);
        binary("TraceID", row.id16());
        string("TraceIDText", row.idText());
        int64("StartTimeUnixNano", row.startTimeUnixNano());
        int64("EndTimeUnixNano", row.endTimeUnixNano());
        int64("DurationNano", row.durationNano());
        string("RootServiceName", row.rootServiceName());
        string("RootSpanName", row.rootSpanName());
        group("ServiceStats", () -> repeated("key_value", List.copyOf(row.serviceStats().entrySet()), entry -> {
            string("key", entry.getKey());
            Trace.ServiceStats stats = entry.getValue();
            group("value", () -> {
                int32("SpanCount", (int) stats.spanCount());
                int32("ErrorCount", (int) stats.errorCount());
            });
        }));
        list("rs", row.resourceSpans(), rs -> resourceSpans(rs, row));
        groups.pop();
        out.endMessage();
    }

    private void resourceSpans(ResourceSpans rs, TraceRow row) {
        group("Resource", () -> {
            List<KeyValue> generic = new ArrayList<>();
            String[] wellKnown = new String[RESOURCE_WELL_KNOWN.length];
            String[] dedicated = new String[resourceSlots.size()];
            String service = "";
            for (KeyValue kv : rs.getResource().getAttributesList()) {
                boolean isString = kv.getValue().hasStringValue();
                int column = wellKnownColumn(kv.getKey());
                int slot = resourceSlots.indexOf(kv.getKey());
                if (isString && kv.getKey().equals(TraceRow.SERVICE_NAME)) service = kv.getValue().getStringValue();
                else if (isString && column >= 0) wellKnown[column] = kv.getValue().getStringValue();
                else if (isString && slot >= 0) dedicated[slot] = kv.getValue().getStringValue();
                else generic.add(kv);
            }
            attributes(generic);
            int32("DroppedAttributesCount", rs.getResource().getDroppedAttributesCount());
            string("ServiceName", service);
            for (int i = 0; i < wellKnown.length; i++) optionalString(RESOURCE_WELL_KNOWN[i][1], wellKnown[i]);
            dedicatedAttributes(dedicated);
        });
        list("ss", rs.getScopeSpansList(), ss -> scopeSpans(ss, row));
    }

    private static int wellKnownColumn(String key) {
        for (int i = 0; i < RESOURCE_WELL_KNOWN.length; i++) if (RESOURCE_WELL_KNOWN[i][0].equals(key)) return i;
        return -1;
    }

    private void scopeSpans(ScopeSpans ss, TraceRow row) {
        group("Scope", () -> {
            string("Name", ss.getScope().getName());
            string("Version", ss.getScope().getVersion());
            attributes(ss.getScope().getAttributesList());
            int32("DroppedAttributesCount", ss.getScope().getDroppedAttributesCount());
        });
        list("Spans", ss.getSpansList(), span -> span(span, row.nestedSet().get(span)));
    }

    private void span(Span span, int[] nestedSet) {
        binary("SpanID", span.getSpanId());
        binary("ParentSpanID", span.getParentSpanId());
        int32("ParentID", nestedSet[2]);
        int32("NestedSetLeft", nestedSet[0]);
        int32("NestedSetRight", nestedSet[1]);
        string("Name", span.getName());
        int64("Kind", span.getKindValue());
        string("TraceState", span.getTraceState());
        int64("StartTimeUnixNano", span.getStartTimeUnixNano());
        int64("DurationNano", span.getEndTimeUnixNano() - span.getStartTimeUnixNano());
        int64("StatusCode", span.getStatus().getCodeValue());
        string("StatusMessage", span.getStatus().getMessage());
        List<KeyValue> generic = new ArrayList<>();
        String method = null;
        String url = null;
        Long statusCode = null;
        String[] dedicated = new String[spanSlots.size()];
        for (KeyValue kv : span.getAttributesList()) {
            AnyValue value = kv.getValue();
            int slot = spanSlots.indexOf(kv.getKey());
            switch (kv.getKey()) {
                case "http.method" -> {
                    if (value.hasStringValue()) method = value.getStringValue();
                    else generic.add(kv);
                }
                case "http.url" -> {
                    if (value.hasStringValue()) url = value.getStringValue();
                    else generic.add(kv);
                }
                case "http.status_code" -> {
                    if (value.hasIntValue()) statusCode = value.getIntValue();
                    else generic.add(kv);
                }
                default -> {
                    if (slot >= 0 && value.hasStringValue()) dedicated[slot] = value.getStringValue();
                    else generic.add(kv);
                }
            }
        }
        attributes(generic);
        int32("DroppedAttributesCount", span.getDroppedAttributesCount());
        list("Events", span.getEventsList(), event -> {
            int64("TimeSinceStartNano", event.getTimeUnixNano() - span.getStartTimeUnixNano());
            string("Name", event.getName());
            attributes(event.getAttributesList());
            int32("DroppedAttributesCount", event.getDroppedAttributesCount());
        });
        int32("DroppedEventsCount", span.getDroppedEventsCount());
        list("Links", span.getLinksList(), link -> {
            binary("TraceID", link.getTraceId());
            binary("SpanID", link.getSpanId());
            string("TraceState", link.getTraceState());
            attributes(link.getAttributesList());
            int32("DroppedAttributesCount", link.getDroppedAttributesCount());
        });
        int32("DroppedLinksCount", span.getDroppedLinksCount());
        optionalString("HttpMethod", method);
        optionalString("HttpUrl", url);
        if (statusCode != null) int64("HttpStatusCode", statusCode);
        dedicatedAttributes(dedicated);
    }

    private void dedicatedAttributes(String[] slots) {
        group("DedicatedAttributes", () -> {
            for (int i = 0; i < slots.length; i++) optionalString("String%02d".formatted(i + 1), slots[i]);
        });
    }

    /** The {@code Attrs} list with §8.1's value rule. */
    private void attributes(List<KeyValue> attributes) {
        list("Attrs", attributes, kv -> {
            string("Key", kv.getKey());
            AnyValue value = kv.getValue();
            AnyValue.ValueCase scalar = value.getValueCase();
            List<AnyValue> elements;
            boolean array;
            if (value.hasArrayValue() && sameScalarType(value.getArrayValue().getValuesList())) {
                array = true;
                elements = value.getArrayValue().getValuesList();
                scalar = elements.isEmpty() ? AnyValue.ValueCase.VALUE_NOT_SET : elements.getFirst().getValueCase();
            } else if (isScalar(scalar)) {
                array = false;
                elements = List.of(value);
            } else {
                array = false;
                elements = null; // unsupported: the whole value as protobuf-JSON
            }
            bool("IsArray", array);
            AnyValue.ValueCase typed = elements == null ? null : scalar;
            List<AnyValue> values = elements == null ? List.of() : elements;
            valueList("Value", typed == AnyValue.ValueCase.STRING_VALUE ? values : List.of(), v -> string("element", v.getStringValue()));
            valueList("ValueInt", typed == AnyValue.ValueCase.INT_VALUE ? values : List.of(), v -> int64("element", v.getIntValue()));
            valueList("ValueDouble", typed == AnyValue.ValueCase.DOUBLE_VALUE ? values : List.of(), v -> float64("element", v.getDoubleValue()));
            valueList("ValueBool", typed == AnyValue.ValueCase.BOOL_VALUE ? values : List.of(), v -> bool("element", v.getBoolValue()));
            if (elements == null) optionalString("ValueUnsupported", json(value));
        });
    }

    private static boolean isScalar(AnyValue.ValueCase type) {
        return type == AnyValue.ValueCase.STRING_VALUE || type == AnyValue.ValueCase.INT_VALUE
                || type == AnyValue.ValueCase.DOUBLE_VALUE || type == AnyValue.ValueCase.BOOL_VALUE;
    }

    /** Empty, or a scalar first element and every element of its type. */
    private static boolean sameScalarType(List<AnyValue> elements) {
        if (elements.isEmpty()) return true;
        AnyValue.ValueCase first = elements.getFirst().getValueCase();
        if (!isScalar(first)) return false;
        for (AnyValue element : elements) if (element.getValueCase() != first) return false;
        return true;
    }

    private static String json(AnyValue value) {
        try {
            return JSON.print(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("AnyValue without JSON form: " + value, e);
        }
    }

    // --- record consumer plumbing: fields by name in the current group, empty fields left out ---

    private interface Body<T> {
        void write(T item);
    }

    private void group(String name, Runnable body) {
        GroupType type = groups.element().getType(name).asGroupType();
        startField(name);
        out.startGroup();
        groups.push(type);
        body.run();
        groups.pop();
        out.endGroup();
        endField(name);
    }

    /** A repeated group {@code name} of the current group, one repetition per item. */
    private <T> void repeated(String name, List<T> items, Body<T> body) {
        if (items.isEmpty()) return;
        GroupType type = groups.element().getType(name).asGroupType();
        startField(name);
        groups.push(type);
        for (T item : items) {
            out.startGroup();
            body.write(item);
            out.endGroup();
        }
        groups.pop();
        endField(name);
    }

    /** A 3-level LIST of groups: {@code name { repeated list { required group element } }}. */
    private <T> void list(String name, List<T> items, Body<T> element) {
        group(name, () -> repeated("list", items, item -> group("element", () -> element.write(item))));
    }

    /** A 3-level LIST of primitives: {@code name { repeated list { required element } }}. */
    private <T> void valueList(String name, List<T> items, Body<T> element) {
        group(name, () -> repeated("list", items, element));
    }

    private void startField(String name) {
        out.startField(name, groups.element().getFieldIndex(name));
    }

    private void endField(String name) {
        out.endField(name, groups.element().getFieldIndex(name));
    }

    private void string(String name, String value) {
        startField(name);
        out.addBinary(Binary.fromString(value));
        endField(name);
    }

    private void optionalString(String name, String value) {
        if (value != null) string(name, value);
    }

    private void binary(String name, byte[] value) {
        startField(name);
        out.addBinary(Binary.fromConstantByteArray(value));
        endField(name);
    }

    private void binary(String name, ByteString value) {
        binary(name, value.toByteArray());
    }

    private void int32(String name, int value) {
        startField(name);
        out.addInteger(value);
        endField(name);
    }

    private void int64(String name, long value) {
        startField(name);
        out.addLong(value);
        endField(name);
    }

    private void float64(String name, double value) {
        startField(name);
        out.addDouble(value);
        endField(name);
    }

    private void bool(String name, boolean value) {
        startField(name);
        out.addBoolean(value);
        endField(name);
    }
}
