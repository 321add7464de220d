package io.pqflux.tempo.golden;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * One-trace files written with parquet-java that exercise what the bundled block cannot: the released attribute
 * layout with arrays, unsupported values, events, links, kinds and counts, and the pre-release layout's type rules.
 * The golden test pins the oracle's OTLP for them; the assembler tests compare against the oracle on the same files.
 */
public final class GoldenFixtures {

    public static final byte[] RELEASED_TRACE_ID = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");
    public static final byte[] PRE_RELEASE_TRACE_ID = HexFormat.of().parseHex("00000000000000000000000000000abc");
    /** Dedicated slots of the released file: resource String01, span String01 and String02. */
    public static final List<String> RELEASED_RESOURCE_SLOTS = List.of("ip");
    public static final List<String> RELEASED_SPAN_SLOTS = List.of("instance", "version");
    static final String KVLIST = "{\"kvlistValue\":{\"values\":[{\"key\":\"key-a\",\"value\":{\"stringValue\":\"val-a\"}}]}}";
    static final String MIXED_ARRAY = "{\"arrayValue\":{\"values\":[{\"boolValue\":true},{\"intValue\":\"1\"}]}}";
    static final String PRE_RELEASE_KVLIST = "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":{\"intValue\":\"3\"}}]}}";

    private GoldenFixtures() {
    }

    /** §8.1's released layout, with the rest of §7 that the bundled block leaves empty: events, links, kinds, counts. */
    public static Path releasedLayoutFile(Path directory) {
        byte[] traceId = RELEASED_TRACE_ID;
        MessageType schema = TempoRows.releasedSchema();
        Group row = traceRow(schema, traceId);
        Group stats = row.addGroup("ServiceStats").addGroup("key_value");
        stats.append("key", "svc");
        stats.addGroup("value").append("SpanCount", 2).append("ErrorCount", -1);

        Group resourceSpans = TempoRows.element(row, "rs");
        Group resource = resourceSpans.addGroup("Resource");
        String kvlist = KVLIST;
        TempoRows.attribute(resource, "labels").append("IsArray", false).append("ValueUnsupported", kvlist);
        Group ports = TempoRows.attribute(resource, "ports").append("IsArray", true);
        for (long port : new long[] {80, 443, -1}) TempoRows.listEntry(ports, "ValueInt").append("element", port);
        TempoRows.attribute(resource, "empty.array").append("IsArray", true);
        TempoRows.attribute(resource, "no.value").append("IsArray", false);
        TempoRows.attribute(resource, "raw").append("IsArray", false).append("ValueUnsupported", "{\"bytesValue\":\"AQI=\"}");
        resource.append("DroppedAttributesCount", 3).append("ServiceName", "svc")
                .append("Cluster", "c1").append("K8sPodName", "pod-1");
        resource.addGroup("DedicatedAttributes").append("String01", "10.0.0.1");

        Group ss = TempoRows.element(resourceSpans, "ss");
        Group scope = ss.addGroup("Scope").append("Name", "lib").append("Version", "1.2");
        TempoRows.listEntry(TempoRows.attribute(scope, "scope.flag").append("IsArray", false), "ValueBool")
                .append("element", true);
        scope.append("DroppedAttributesCount", 2);

        Group span = TempoRows.element(ss, "Spans");
        span.append("SpanID", TempoRows.bytes(1, 2, 3, 4, 5, 6, 7, 8)).append("Name", "op").append("Kind", 2L)
                .append("TraceState", "a=b").append("StartTimeUnixNano", 1000L).append("DurationNano", 1000L)
                .append("StatusCode", 2L).append("StatusMessage", "boom");
        String mixed = MIXED_ARRAY;
        TempoRows.attribute(span, "mixed").append("IsArray", false).append("ValueUnsupported", mixed);
        TempoRows.listEntry(TempoRows.attribute(span, "ratio").append("IsArray", false), "ValueDouble")
                .append("element", 0.5);
        Group names = TempoRows.attribute(span, "names").append("IsArray", true);
        for (String name : List.of("a", "b")) TempoRows.listEntry(names, "Value").append("element", name);
        span.append("DroppedAttributesCount", 1);
        Group event = TempoRows.element(span, "Events").append("TimeSinceStartNano", 5L).append("Name", "ev");
        TempoRows.listEntry(TempoRows.attribute(event, "ev.n").append("IsArray", false), "ValueInt").append("element", 7L);
        event.append("DroppedAttributesCount", 4);
        span.append("DroppedEventsCount", 6);
        Group link = TempoRows.element(span, "Links").append("TraceID", Binary.fromConstantByteArray(traceId))
                .append("SpanID", TempoRows.bytes(9, 9, 9, 9, 9, 9, 9, 9)).append("TraceState", "x=y");
        TempoRows.listEntry(TempoRows.attribute(link, "link.s").append("IsArray", false), "Value").append("element", "v");
        link.append("DroppedAttributesCount", 8);
        span.append("DroppedLinksCount", 9).append("HttpMethod", "POST").append("HttpStatusCode", 500L);
        span.addGroup("DedicatedAttributes").append("String02", "v1");

        // start 2^64 - 10 plus duration 20 wraps to end 10, as unsigned arithmetic does
        Group wrapped = TempoRows.element(ss, "Spans");
        wrapped.append("SpanID", TempoRows.bytes(2, 2, 2, 2, 2, 2, 2, 2)).append("Name", "wrap")
                .append("StartTimeUnixNano", -10L).append("DurationNano", 20L);

        return TempoRows.write(directory, "released.parquet", schema, List.of(row));
    }

    /** §9 with errata 1–3: zero values, arrays, unknown and type-0 attributes, ignored scope attributes. */
    public static Path preReleaseLayoutFile(Path directory) {
        byte[] traceId = PRE_RELEASE_TRACE_ID;
        MessageType schema = TempoRows.preReleaseSchema();
        Group row = traceRow(schema, traceId);
        Group resourceSpans = TempoRows.element(row, "rs");
        Group resource = resourceSpans.addGroup("Resource");
        String kvlist = PRE_RELEASE_KVLIST;
        TempoRows.attribute(resource, "restored").append("ValueType", 0).append("ValueDropped", kvlist);
        TempoRows.attribute(resource, "lost").append("ValueType", 0);
        TempoRows.attribute(resource, "s.empty").append("ValueType", 1);
        TempoRows.attribute(resource, "i.empty").append("ValueType", 2);
        TempoRows.listEntry(TempoRows.attribute(resource, "d").append("ValueType", 3), "ValueDouble")
                .append("element", 1.5);
        TempoRows.attribute(resource, "b.empty").append("ValueType", 4);
        Group strings = TempoRows.attribute(resource, "sa").append("ValueType", 5);
        for (String s : List.of("x", "y")) TempoRows.listEntry(strings, "Value").append("element", s);
        Group ints = TempoRows.attribute(resource, "ia").append("ValueType", 6);
        for (long n : new long[] {1, 2}) TempoRows.listEntry(ints, "ValueInt").append("element", n);
        TempoRows.attribute(resource, "da").append("ValueType", 7);
        TempoRows.listEntry(TempoRows.attribute(resource, "ba").append("ValueType", 8), "ValueBool")
                .append("element", true);
        TempoRows.listEntry(TempoRows.attribute(resource, "unknown").append("ValueType", 9), "Value")
                .append("element", "z");
        resource.append("DroppedAttributesCount", 2).append("ServiceName", "");

        Group ss = TempoRows.element(resourceSpans, "ss");
        Group scope = ss.addGroup("Scope").append("Name", "lib");
        TempoRows.listEntry(TempoRows.attribute(scope, "ignored").append("ValueType", 1), "Value").append("element", "k");
        scope.append("DroppedAttributesCount", 5);
        Group span = TempoRows.element(ss, "Spans").append("SpanID", TempoRows.bytes(1, 1, 1, 1, 1, 1, 1, 1))
                .append("StartTimeUnixNano", 100L).append("DurationNano", 1L);
        TempoRows.attribute(span, "raw").append("ValueType", 0).append("ValueDropped", "{\"bytesValue\":\"AQI=\"}");
        span.append("DroppedAttributesCount", 1);
        Group event = TempoRows.element(span, "Events").append("TimeSinceStartNano", 0L).append("Name", "ev");
        TempoRows.attribute(event, "ev.dropped").append("ValueType", 0).append("ValueDropped", "{}");
        TempoRows.listEntry(TempoRows.attribute(event, "ev.kept").append("ValueType", 1), "Value").append("element", "v");
        event.append("DroppedAttributesCount", 3);
        Group link = TempoRows.element(span, "Links").append("SpanID", TempoRows.bytes(2, 2, 2, 2, 2, 2, 2, 2));
        TempoRows.attribute(link, "link.dropped").append("ValueType", 0).append("ValueDropped", "{\"stringValue\":\"q\"}");

        return TempoRows.write(directory, "pre-release.parquet", schema, List.of(row));
    }

    private static Group traceRow(MessageType schema, byte[] traceId) {
        Group row = TempoRows.row(schema);
        row.append("TraceID", Binary.fromConstantByteArray(traceId));
        row.append("TraceIDText", "1");
        row.append("StartTimeUnixNano", 1000L).append("EndTimeUnixNano", 2000L).append("DurationNano", 1000L);
        row.append("RootServiceName", "svc").append("RootSpanName", "op");
        return row;
    }
}
