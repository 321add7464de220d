package io.pqflux.tempo.golden;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.BiFunction;
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
import org.apache.parquet.schema.MessageType;

/**
 * What the vParquet3, vParquet4 and vParquet5 oracles read alike: rows of a {@code data.parquet} as parquet-java
 * example {@link Group} records, the trace-level columns, the span columns every version has, the static
 * (well-known) columns of vParquet3/4, and the list-based attribute values of vParquet4/5.
 */
final class GoldenGroups {

    /** Resource columns of vParquet3/4 and the attribute each restores, in the order Tempo emits them (§8.2). */
    private static final String[][] WELL_KNOWN_RESOURCE = {{"Cluster", "cluster"}, {"Namespace", "namespace"},
            {"Pod", "pod"}, {"Container", "container"}, {"K8sClusterName", "k8s.cluster.name"},
            {"K8sNamespaceName", "k8s.namespace.name"}, {"K8sPodName", "k8s.pod.name"},
            {"K8sContainerName", "k8s.container.name"}};

    private static final int STRING_SLOTS = 10;

    private GoldenGroups() {
    }

    /** Every row of {@code dataParquet} in file order, mapped by the row mapper made for the file's schema. */
    static List<GoldenTrace> readRows(Path dataParquet, Function<MessageType, Function<Group, GoldenTrace>> mapper) {
        List<GoldenTrace> traces = new ArrayList<>();
        forEachRow(dataParquet, mapper, traces::add);
        return traces;
    }

    /** {@link #readRows}, each trace handed to {@code sink} as it is mapped: a file of any size, nothing held. */
    static void forEachRow(Path dataParquet, Function<MessageType, Function<Group, GoldenTrace>> mapper,
                           Consumer<GoldenTrace> sink) {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(dataParquet), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            Function<Group, GoldenTrace> rowMapper = mapper.apply(schema);
            MessageColumnIO columnIO = new ColumnIOFactory().getColumnIO(schema);
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                RecordReader<Group> records = columnIO.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) sink.accept(rowMapper.apply(records.read()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dataParquet + " with parquet-java", e);
        }
    }

    /**
     * vParquet3/4 dedicated string slots ({@code String01…String10}) as a copy; too many are refused, and so is a name
     * configured twice in one scope (docs/tempo-format.md §5: Tempo would emit it twice, both times from the later
     * slot).
     */
    static List<String> stringSlots(String format, List<String> names) {
        if (names.size() > STRING_SLOTS)
            throw new IllegalArgumentException(format + " has " + STRING_SLOTS + " dedicated slots per scope: " + names);
        requireDistinctNames(names);
        return List.copyOf(names);
    }

    static void requireDistinctNames(List<String> dedicatedNames) {
        if (new HashSet<>(dedicatedNames).size() != dedicatedNames.size())
            throw new IllegalArgumentException("a dedicated column name occurs twice in one scope: " + dedicatedNames);
    }

    /**
     * The trace-level columns of {@code row} and its OTLP, one {@code ResourceSpans} per {@code rs} element as
     * {@code resourceSpans} maps it from the element and the trace ID; {@code ServiceStats} is empty where the schema
     * has none (vParquet3).
     */
    static GoldenTrace trace(Group row, BiFunction<Group, byte[], ResourceSpans> resourceSpans) {
        byte[] traceId = row.getBinary("TraceID", 0).getBytes();
        TracesData.Builder otlp = TracesData.newBuilder();
        for (Group rs : elements(row, "rs")) otlp.addResourceSpans(resourceSpans.apply(rs, traceId));
        Map<String, long[]> serviceStats = new LinkedHashMap<>();
        if (row.getType().containsField("ServiceStats")) {
            for (Group entry : repeated(row, "ServiceStats", "key_value")) {
                Group stats = entry.getGroup("value", 0);
                serviceStats.put(entry.getString("key", 0), new long[] {
                        Integer.toUnsignedLong(stats.getInteger("SpanCount", 0)),
                        Integer.toUnsignedLong(stats.getInteger("ErrorCount", 0))});
            }
        }
        return new GoldenTrace(traceId, row.getString("TraceIDText", 0), row.getLong("StartTimeUnixNano", 0),
                row.getLong("EndTimeUnixNano", 0), row.getLong("DurationNano", 0), row.getString("RootServiceName", 0),
                row.getString("RootSpanName", 0), serviceStats, otlp.build());
    }

    /**
     * §7's span fields that every version stores alike: IDs, trace state, name, kind, times, status and the three
     * dropped counts. Attributes, events and links are the caller's.
     */
    static Span.Builder span(Group span, byte[] traceId) {
        long start = span.getLong("StartTimeUnixNano", 0);
        return Span.newBuilder()
                .setTraceId(ByteString.copyFrom(traceId))
                .setSpanId(bytes(span, "SpanID"))
                .setTraceState(span.getString("TraceState", 0))
                .setParentSpanId(bytes(span, "ParentSpanID"))
                .setName(span.getString("Name", 0))
                .setKindValue(Math.toIntExact(span.getLong("Kind", 0)))
                .setStartTimeUnixNano(start)
                // unsigned 64-bit wrap-around is what two's-complement addition gives
                .setEndTimeUnixNano(start + span.getLong("DurationNano", 0))
                .setDroppedAttributesCount(span.getInteger("DroppedAttributesCount", 0))
                .setDroppedEventsCount(span.getInteger("DroppedEventsCount", 0))
                .setDroppedLinksCount(span.getInteger("DroppedLinksCount", 0))
                .setStatus(Status.newBuilder()
                        .setCodeValue(Math.toIntExact(span.getLong("StatusCode", 0)))
                        .setMessage(span.getString("StatusMessage", 0)));
    }

    /**
     * vParquet4/5 events ({@code TimeSinceStartNano} + span start) and links (stored fields, no flags), their
     * attributes mapped by the given functions.
     */
    static void addEventsAndLinks(Span.Builder out, Group span, Function<Group, List<KeyValue>> eventAttributes,
                                  Function<Group, List<KeyValue>> linkAttributes) {
        long start = span.getLong("StartTimeUnixNano", 0);
        for (Group event : elements(span, "Events")) {
            out.addEvents(Span.Event.newBuilder()
                    .setTimeUnixNano(event.getLong("TimeSinceStartNano", 0) + start)
                    .setName(event.getString("Name", 0))
                    .addAllAttributes(eventAttributes.apply(event))
                    .setDroppedAttributesCount(event.getInteger("DroppedAttributesCount", 0)));
        }
        for (Group link : elements(span, "Links")) {
            out.addLinks(Span.Link.newBuilder()
                    .setTraceId(bytes(link, "TraceID"))
                    .setSpanId(bytes(link, "SpanID"))
                    .setTraceState(link.getString("TraceState", 0))
                    .addAllAttributes(linkAttributes.apply(link))
                    .setDroppedAttributesCount(link.getInteger("DroppedAttributesCount", 0)));
        }
    }

    /** vParquet3/4 string slots {@code String01…}: the non-null ones, named by {@code slots}, in slot order. */
    static void addDedicatedStrings(Consumer<KeyValue> sink, Group dedicated, List<String> slots) {
        for (int i = 0; i < slots.size(); i++) {
            String value = optionalString(dedicated, "String%02d".formatted(i + 1));
            if (value != null) sink.accept(stringAttribute(slots.get(i), value));
        }
    }

    /** vParquet3/4 resource: {@code service.name} unless empty, then the non-null well-known columns. */
    static void addWellKnownResource(Consumer<KeyValue> sink, Group resource) {
        String serviceName = resource.getString("ServiceName", 0);
        if (!serviceName.isEmpty()) sink.accept(stringAttribute("service.name", serviceName));
        for (String[] column : WELL_KNOWN_RESOURCE) {
            String value = optionalString(resource, column[0]);
            if (value != null) sink.accept(stringAttribute(column[1], value));
        }
    }

    /** vParquet3/4 span: the non-null {@code http.method}, {@code http.url}, {@code http.status_code} columns. */
    static void addWellKnownSpan(Consumer<KeyValue> sink, Group span) {
        String method = optionalString(span, "HttpMethod");
        if (method != null) sink.accept(stringAttribute("http.method", method));
        String url = optionalString(span, "HttpUrl");
        if (url != null) sink.accept(stringAttribute("http.url", url));
        if (span.getFieldRepetitionCount("HttpStatusCode") > 0) {
            sink.accept(KeyValue.newBuilder().setKey("http.status_code")
                    .setValue(AnyValue.newBuilder().setIntValue(span.getLong("HttpStatusCode", 0))).build());
        }
    }

    /**
     * §8.1, the {@code IsArray} layout of released vParquet4 and vParquet5: the first non-empty of Value, ValueInt,
     * ValueDouble, ValueBool as an array or a scalar, for a scalar then {@code ValueUnsupported}'s JSON. Empty when
     * a non-array attribute holds no value at all (vParquet4 returns it with an empty value, vParquet5 drops it).
     */
    static Optional<AnyValue> arrayFlagValue(Group attribute, String key) {
        List<AnyValue> values = listValues(attribute);
        if (attribute.getBoolean("IsArray", 0)) return Optional.of(array(values));
        if (!values.isEmpty()) return Optional.of(values.getFirst());
        return Optional.ofNullable(optionalString(attribute, "ValueUnsupported")).map(json -> parseJson(json, key));
    }

    static AnyValue array(List<AnyValue> values) {
        return AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addAllValues(values)).build();
    }

    /** The first non-empty value list of a list-layout attribute as scalars, or an empty list. */
    private static List<AnyValue> listValues(Group attribute) {
        if (count(attribute, "Value") > 0) return stringValues(attribute);
        if (count(attribute, "ValueInt") > 0) return intValues(attribute);
        if (count(attribute, "ValueDouble") > 0) return doubleValues(attribute);
        if (count(attribute, "ValueBool") > 0) return boolValues(attribute);
        return List.of();
    }

    static List<AnyValue> stringValues(Group attribute) {
        return values(attribute, "Value", e -> AnyValue.newBuilder().setStringValue(e.getString("element", 0)));
    }

    static List<AnyValue> intValues(Group attribute) {
        return values(attribute, "ValueInt", e -> AnyValue.newBuilder().setIntValue(e.getLong("element", 0)));
    }

    static List<AnyValue> doubleValues(Group attribute) {
        return values(attribute, "ValueDouble", e -> AnyValue.newBuilder().setDoubleValue(e.getDouble("element", 0)));
    }

    static List<AnyValue> boolValues(Group attribute) {
        return values(attribute, "ValueBool", e -> AnyValue.newBuilder().setBoolValue(e.getBoolean("element", 0)));
    }

    /** Each element of the value list {@code field} as a scalar {@code AnyValue}. */
    private static List<AnyValue> values(Group attribute, String field, Function<Group, AnyValue.Builder> scalar) {
        return repeated(attribute, field, "list").stream().map(e -> scalar.apply(e).build()).toList();
    }

    private static int count(Group attribute, String listField) {
        return attribute.getGroup(listField, 0).getFieldRepetitionCount("list");
    }

    /** golang jsonpb of an {@code AnyValue}; Tempo ignores a parse failure, the oracle refuses it. */
    static AnyValue parseJson(String json, String key) {
        AnyValue.Builder value = AnyValue.newBuilder();
        try {
            JsonFormat.parser().merge(json, value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("attribute " + key + ": not the protobuf-JSON of an AnyValue: " + json, e);
        }
        return value.build();
    }

    static KeyValue attribute(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    static KeyValue stringAttribute(String key, String value) {
        return attribute(key, AnyValue.newBuilder().setStringValue(value).build());
    }

    static ByteString bytes(Group group, String field) {
        return ByteString.copyFrom(group.getBinary(field, 0).getBytes());
    }

    static String optionalString(Group group, String field) {
        return group.getFieldRepetitionCount(field) == 0 ? null : group.getString(field, 0);
    }

    /** The element groups of a 3-level LIST {@code field}. */
    static List<Group> elements(Group parent, String field) {
        return repeated(parent, field, "list").stream().map(list -> list.getGroup("element", 0)).toList();
    }

    /** The repeated groups named {@code repeatedName} of the LIST or MAP group {@code field}. */
    static List<Group> repeated(Group parent, String field, String repeatedName) {
        Group container = parent.getGroup(field, 0);
        List<Group> out = new ArrayList<>();
        for (int i = 0; i < container.getFieldRepetitionCount(repeatedName); i++) {
            out.add(container.getGroup(repeatedName, i));
        }
        return out;
    }
}
