package io.pqflux.tempo.golden;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The independent oracle of the Tempo path: reads a vParquet4 {@code data.parquet} with parquet-java as example
 * {@link Group} records and maps each row to OTLP with plain, separate code written from
 * {@code shared/spec/tempo-vparquet4.md} (§7, §8, §9 and errata 1–3) and Tempo's Go code for the facts the spec leaves
 * open. It shares nothing with pqflux's production assembler, so the two can be compared value for value.
 *
 * <p>Both attribute layouts are mapped, told apart by the second leaf of the {@code Attribute} group:
 * {@code IsArray} (released, §8.1) or {@code ValueType} (pre-release, §9, as Tempo commit 1f46601a read it).
 * For the pre-release layout a type-0 resource or span attribute comes back only when {@code ValueDropped} is
 * non-empty, and then lowers its owner's dropped-attributes count by one (the block-iterator reading of errata 1;
 * Tempo's FindTraceByID path at that commit drops it instead); type-0 event and link attributes are always dropped;
 * scope attributes and the scope dropped count are not read (errata 3).
 */
public final class ParquetJavaGolden {

    private static final String ARRAY_FLAG = "IsArray";
    private static final String VALUE_TYPE = "ValueType";
    private static final int DEDICATED_SLOTS = 10;

    private enum Layout { RELEASED, PRE_RELEASE }

    /** Whose attributes are mapped: the pre-release layout treats type 0 and scope attributes per owner. */
    private enum Owner { RESOURCE, SCOPE, SPAN, EVENT, LINK }

    /** Mapped generic attributes plus how many type-0 values were restored from {@code ValueDropped}. */
    private record Attributes(List<KeyValue> keyValues, int restoredDropped) { }

    private final Layout layout;
    private final List<String> resourceSlots;
    private final List<String> spanSlots;

    private ParquetJavaGolden(Layout layout, List<String> resourceSlots, List<String> spanSlots) {
        this.layout = layout;
        this.resourceSlots = resourceSlots;
        this.spanSlots = spanSlots;
    }

    /**
     * Every row of {@code dataParquet}, in file order.
     *
     * @param resourceDedicatedSlots attribute names of the resource slots {@code String01}, {@code String02}, … (index 0
     *                               is {@code String01}), as the block's {@code meta.dedicatedColumns} assigns them
     * @param spanDedicatedSlots     the same for the span slots
     */
    public static List<GoldenTrace> read(Path dataParquet, List<String> resourceDedicatedSlots,
                                         List<String> spanDedicatedSlots) {
        if (resourceDedicatedSlots.size() > DEDICATED_SLOTS || spanDedicatedSlots.size() > DEDICATED_SLOTS)
            throw new IllegalArgumentException("vParquet4 has " + DEDICATED_SLOTS + " dedicated slots per scope: "
                    + resourceDedicatedSlots + " / " + spanDedicatedSlots);
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(dataParquet), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            ParquetJavaGolden golden = new ParquetJavaGolden(layoutOf(schema, dataParquet),
                    List.copyOf(resourceDedicatedSlots), List.copyOf(spanDedicatedSlots));
            MessageColumnIO columnIO = new ColumnIOFactory().getColumnIO(schema);
            List<GoldenTrace> traces = new ArrayList<>();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = columnIO.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) traces.add(golden.trace(records.read()));
            }
            return traces;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dataParquet + " with parquet-java", e);
        }
    }

    /** The layout every {@code Attrs} element group of the file shares; anything else is refused. */
    private static Layout layoutOf(MessageType schema, Path file) {
        Set<String> secondLeaves = new TreeSet<>();
        collectAttributeLayouts(schema, secondLeaves);
        if (secondLeaves.equals(Set.of(ARRAY_FLAG))) return Layout.RELEASED;
        if (secondLeaves.equals(Set.of(VALUE_TYPE))) return Layout.PRE_RELEASE;
        throw new IllegalArgumentException(file + ": the Attribute groups' second leaves are " + secondLeaves
                + ", expected all " + ARRAY_FLAG + " (released vParquet4) or all " + VALUE_TYPE + " (pre-release)");
    }

    private static void collectAttributeLayouts(GroupType group, Set<String> secondLeaves) {
        for (Type field : group.getFields()) {
            if (field.isPrimitive()) continue;
            GroupType child = field.asGroupType();
            if (child.getName().equals("Attrs")) {
                GroupType element = child.getType("list").asGroupType().getType("element").asGroupType();
                secondLeaves.add(element.getFieldCount() > 1 ? element.getFieldName(1) : "<none>");
            }
            collectAttributeLayouts(child, secondLeaves);
        }
    }

    private GoldenTrace trace(Group row) {
        byte[] traceId = row.getBinary("TraceID", 0).getBytes();
        Map<String, long[]> serviceStats = new LinkedHashMap<>();
        for (Group entry : repeated(row, "ServiceStats", "key_value")) {
            Group stats = entry.getGroup("value", 0);
            serviceStats.put(entry.getString("key", 0), new long[] {
                    Integer.toUnsignedLong(stats.getInteger("SpanCount", 0)),
                    Integer.toUnsignedLong(stats.getInteger("ErrorCount", 0))});
        }
        TracesData.Builder otlp = TracesData.newBuilder();
        for (Group rs : elements(row, "rs")) otlp.addResourceSpans(resourceSpans(rs, traceId));
        return new GoldenTrace(traceId, row.getString("TraceIDText", 0), row.getLong("StartTimeUnixNano", 0),
                row.getLong("EndTimeUnixNano", 0), row.getLong("DurationNano", 0),
                row.getString("RootServiceName", 0), row.getString("RootSpanName", 0), serviceStats, otlp.build());
    }

    private ResourceSpans resourceSpans(Group rs, byte[] traceId) {
        Group resource = rs.getGroup("Resource", 0);
        Attributes generic = attributes(resource, Owner.RESOURCE);
        Resource.Builder out = Resource.newBuilder()
                .addAllAttributes(generic.keyValues())
                .setDroppedAttributesCount(resource.getInteger("DroppedAttributesCount", 0) - generic.restoredDropped());
        addDedicated(out::addAttributes, resource.getGroup("DedicatedAttributes", 0), resourceSlots);
        String serviceName = resource.getString("ServiceName", 0);
        if (!serviceName.isEmpty()) out.addAttributes(stringAttribute("service.name", serviceName));
        String[][] wellKnown = {{"Cluster", "cluster"}, {"Namespace", "namespace"}, {"Pod", "pod"},
                {"Container", "container"}, {"K8sClusterName", "k8s.cluster.name"},
                {"K8sNamespaceName", "k8s.namespace.name"}, {"K8sPodName", "k8s.pod.name"},
                {"K8sContainerName", "k8s.container.name"}};
        for (String[] column : wellKnown) {
            String value = optionalString(resource, column[0]);
            if (value != null) out.addAttributes(stringAttribute(column[1], value));
        }
        ResourceSpans.Builder resourceSpans = ResourceSpans.newBuilder().setResource(out);
        for (Group ss : elements(rs, "ss")) resourceSpans.addScopeSpans(scopeSpans(ss, traceId));
        return resourceSpans.build();
    }

    private ScopeSpans scopeSpans(Group ss, byte[] traceId) {
        Group scope = ss.getGroup("Scope", 0);
        InstrumentationScope.Builder outScope = InstrumentationScope.newBuilder()
                .setName(scope.getString("Name", 0))
                .setVersion(scope.getString("Version", 0));
        if (layout == Layout.RELEASED) {
            outScope.addAllAttributes(attributes(scope, Owner.SCOPE).keyValues())
                    .setDroppedAttributesCount(scope.getInteger("DroppedAttributesCount", 0));
        }
        ScopeSpans.Builder out = ScopeSpans.newBuilder().setScope(outScope);
        for (Group span : elements(ss, "Spans")) out.addSpans(span(span, traceId));
        return out.build();
    }

    private Span span(Group span, byte[] traceId) {
        long start = span.getLong("StartTimeUnixNano", 0);
        Attributes generic = attributes(span, Owner.SPAN);
        Span.Builder out = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(traceId))
                .setSpanId(bytes(span, "SpanID"))
                .setTraceState(span.getString("TraceState", 0))
                .setParentSpanId(bytes(span, "ParentSpanID"))
                .setName(span.getString("Name", 0))
                .setKindValue(Math.toIntExact(span.getLong("Kind", 0)))
                .setStartTimeUnixNano(start)
                // unsigned 64-bit wrap-around is what two's-complement addition gives
                .setEndTimeUnixNano(start + span.getLong("DurationNano", 0))
                .addAllAttributes(generic.keyValues())
                .setDroppedAttributesCount(span.getInteger("DroppedAttributesCount", 0) - generic.restoredDropped())
                .setDroppedEventsCount(span.getInteger("DroppedEventsCount", 0))
                .setDroppedLinksCount(span.getInteger("DroppedLinksCount", 0))
                .setStatus(Status.newBuilder()
                        .setCodeValue(Math.toIntExact(span.getLong("StatusCode", 0)))
                        .setMessage(span.getString("StatusMessage", 0)));
        for (Group event : elements(span, "Events")) {
            out.addEvents(Span.Event.newBuilder()
                    .setTimeUnixNano(event.getLong("TimeSinceStartNano", 0) + start)
                    .setName(event.getString("Name", 0))
                    .addAllAttributes(attributes(event, Owner.EVENT).keyValues())
                    .setDroppedAttributesCount(event.getInteger("DroppedAttributesCount", 0)));
        }
        for (Group link : elements(span, "Links")) {
            out.addLinks(Span.Link.newBuilder()
                    .setTraceId(bytes(link, "TraceID"))
                    .setSpanId(bytes(link, "SpanID"))
                    .setTraceState(link.getString("TraceState", 0))
                    .addAllAttributes(attributes(link, Owner.LINK).keyValues())
                    .setDroppedAttributesCount(link.getInteger("DroppedAttributesCount", 0)));
        }
        addDedicated(out::addAttributes, span.getGroup("DedicatedAttributes", 0), spanSlots);
        String method = optionalString(span, "HttpMethod");
        if (method != null) out.addAttributes(stringAttribute("http.method", method));
        String url = optionalString(span, "HttpUrl");
        if (url != null) out.addAttributes(stringAttribute("http.url", url));
        if (span.getFieldRepetitionCount("HttpStatusCode") > 0) {
            out.addAttributes(KeyValue.newBuilder().setKey("http.status_code")
                    .setValue(AnyValue.newBuilder().setIntValue(span.getLong("HttpStatusCode", 0))));
        }
        return out.build();
    }

    private static void addDedicated(Consumer<KeyValue> sink, Group dedicated, List<String> slots) {
        for (int i = 0; i < slots.size(); i++) {
            String value = optionalString(dedicated, "String%02d".formatted(i + 1));
            if (value != null) sink.accept(stringAttribute(slots.get(i), value));
        }
    }

    private Attributes attributes(Group owner, Owner kind) {
        List<KeyValue> out = new ArrayList<>();
        int restored = 0;
        for (Group attribute : elements(owner, "Attrs")) {
            String key = attribute.getString("Key", 0);
            if (layout == Layout.RELEASED) {
                out.add(KeyValue.newBuilder().setKey(key).setValue(releasedValue(attribute, key)).build());
                continue;
            }
            AnyValue value = preReleaseValue(attribute, key, kind);
            if (value == null) continue;
            if (attribute.getInteger(VALUE_TYPE, 0) == 0) restored++;
            out.add(KeyValue.newBuilder().setKey(key).setValue(value).build());
        }
        return new Attributes(out, restored);
    }

    /** §8.1: the first non-empty of Value, ValueInt, ValueDouble, ValueBool; for scalars then ValueUnsupported. */
    private static AnyValue releasedValue(Group attribute, String key) {
        List<AnyValue> values = listValues(attribute);
        if (attribute.getBoolean(ARRAY_FLAG, 0)) return array(values);
        if (!values.isEmpty()) return values.getFirst();
        String unsupported = optionalString(attribute, "ValueUnsupported");
        return unsupported == null ? AnyValue.getDefaultInstance() : parseJson(unsupported, key);
    }

    /**
     * §9 with errata 1 and 2: types 1–4 take the first element or the type's zero value, 5–8 are arrays, 0 is
     * restored from {@code ValueDropped} only for resource and span attributes; {@code null} means dropped.
     */
    private static AnyValue preReleaseValue(Group attribute, String key, Owner owner) {
        AnyValue.Builder value = AnyValue.newBuilder();
        return switch (attribute.getInteger(VALUE_TYPE, 0)) {
            case 0 -> {
                String dropped = optionalString(attribute, "ValueDropped");
                boolean restorable = owner == Owner.RESOURCE || owner == Owner.SPAN;
                yield dropped == null || dropped.isEmpty() || !restorable ? null : parseJson(dropped, key);
            }
            case 1 -> firstOr(stringValues(attribute), value.setStringValue(""));
            case 2 -> firstOr(intValues(attribute), value.setIntValue(0));
            case 3 -> firstOr(doubleValues(attribute), value.setDoubleValue(0));
            case 4 -> firstOr(boolValues(attribute), value.setBoolValue(false));
            case 5 -> array(stringValues(attribute));
            case 6 -> array(intValues(attribute));
            case 7 -> array(doubleValues(attribute));
            case 8 -> array(boolValues(attribute));
            default -> null;
        };
    }

    private static AnyValue array(List<AnyValue> values) {
        return AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addAllValues(values)).build();
    }

    private static AnyValue firstOr(List<AnyValue> values, AnyValue.Builder zero) {
        return values.isEmpty() ? zero.build() : values.getFirst();
    }

    /** The first non-empty value list of a released attribute as scalars, or an empty list. */
    private static List<AnyValue> listValues(Group attribute) {
        if (count(attribute, "Value") > 0) return stringValues(attribute);
        if (count(attribute, "ValueInt") > 0) return intValues(attribute);
        if (count(attribute, "ValueDouble") > 0) return doubleValues(attribute);
        if (count(attribute, "ValueBool") > 0) return boolValues(attribute);
        return List.of();
    }

    private static List<AnyValue> stringValues(Group attribute) {
        return values(attribute, "Value", e -> AnyValue.newBuilder().setStringValue(e.getString("element", 0)));
    }

    private static List<AnyValue> intValues(Group attribute) {
        return values(attribute, "ValueInt", e -> AnyValue.newBuilder().setIntValue(e.getLong("element", 0)));
    }

    private static List<AnyValue> doubleValues(Group attribute) {
        return values(attribute, "ValueDouble", e -> AnyValue.newBuilder().setDoubleValue(e.getDouble("element", 0)));
    }

    private static List<AnyValue> boolValues(Group attribute) {
        return values(attribute, "ValueBool", e -> AnyValue.newBuilder().setBoolValue(e.getBoolean("element", 0)));
    }

    /** Each element of the value list {@code field} as a scalar {@code AnyValue}. */
    private static List<AnyValue> values(Group attribute, String field, Function<Group, AnyValue.Builder> scalar) {
        return repeated(attribute, field, "list").stream().map(e -> scalar.apply(e).build()).toList();
    }

    /** golang jsonpb of an {@code AnyValue}; Tempo ignores a parse failure, the oracle refuses it. */
    private static AnyValue parseJson(String json, String key) {
        AnyValue.Builder value = AnyValue.newBuilder();
        try {
            JsonFormat.parser().merge(json, value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("attribute " + key + ": not the protobuf-JSON of an AnyValue: " + json, e);
        }
        return value.build();
    }

    private static KeyValue stringAttribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static ByteString bytes(Group group, String field) {
        return ByteString.copyFrom(group.getBinary(field, 0).getBytes());
    }

    private static String optionalString(Group group, String field) {
        return group.getFieldRepetitionCount(field) == 0 ? null : group.getString(field, 0);
    }

    /** The element groups of a 3-level LIST {@code field}. */
    private static List<Group> elements(Group parent, String field) {
        return repeated(parent, field, "list").stream().map(list -> list.getGroup("element", 0)).toList();
    }

    /** The repeated groups named {@code repeatedName} of the LIST or MAP group {@code field}. */
    private static List<Group> repeated(Group parent, String field, String repeatedName) {
        Group container = parent.getGroup(field, 0);
        List<Group> out = new ArrayList<>();
        for (int i = 0; i < container.getFieldRepetitionCount(repeatedName); i++) {
            out.add(container.getGroup(repeatedName, i));
        }
        return out;
    }

    private static int count(Group attribute, String listField) {
        return attribute.getGroup(listField, 0).getFieldRepetitionCount("list");
    }

}
