package io.pqflux.tempo.golden;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.pqflux.testdata.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * One-trace files written with parquet-java that exercise what the bundled blocks cannot: the released vParquet4
 * attribute layout with arrays, unsupported values, events, links, kinds and counts; the pre-release layout's type
 * rules; vParquet3's scalar and JSON columns, event values and link blobs; vParquet5-preview5's dropped attributes and
 * typed dedicated slots. The golden tests pin the oracles' OTLP for them; the mapper tests compare against the oracles
 * on the same files. Also the bundled vParquet3/5 block directories and the bundled vParquet4 block's golden traces.
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

    public static final byte[] VP3_TRACE_ID = HexFormat.of().parseHex("000000000000000000000000000000a3");
    /** Dedicated slots of the vParquet3 file: resource String01, span String01 and String02. */
    public static final List<String> VP3_RESOURCE_SLOTS = List.of("ip");
    public static final List<String> VP3_SPAN_SLOTS = List.of("instance", "version");
    static final String VP3_EVENT_JSON = "{\"stringValue\":\"from-json\"}";
    static final Span.Link VP3_LINK = Span.Link.newBuilder()
            .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10")))
            .setSpanId(ByteString.copyFrom(new byte[] {9, 9, 9, 9, 9, 9, 9, 9})).setTraceState("x=y")
            .addAttributes(KeyValue.newBuilder().setKey("link.s").setValue(AnyValue.newBuilder().setStringValue("v")))
            .setDroppedAttributesCount(8).setFlags(0x301).build();

    public static final byte[] VP5_TRACE_ID = HexFormat.of().parseHex("000000000000000000000000000000a5");
    /** Resource dedicated columns of the vParquet5 file in meta order: String01, Int01, String02. */
    public static final List<Vp5Golden.DedicatedColumn> VP5_RESOURCE_COLUMNS = List.of(
            new Vp5Golden.DedicatedColumn("ip", Vp5Golden.DedicatedType.STRING, false),
            new Vp5Golden.DedicatedColumn("port", Vp5Golden.DedicatedType.INT, false),
            new Vp5Golden.DedicatedColumn("tags", Vp5Golden.DedicatedType.STRING, true));
    /** Span dedicated columns of the vParquet5 file in meta order: Int01, String01. */
    public static final List<Vp5Golden.DedicatedColumn> VP5_SPAN_COLUMNS = List.of(
            new Vp5Golden.DedicatedColumn("http.status_code", Vp5Golden.DedicatedType.INT, false),
            new Vp5Golden.DedicatedColumn("instance", Vp5Golden.DedicatedType.STRING, false));

    /**
     * docs/tempo-format.md §15: the first ResourceSpans of Tempo's v1 response for trace 474be8b43449fb of the bundled
     * block (gogo jsonpb: base64 IDs, defaults omitted, status always present).
     */
    public static final String SPEC_FIRST_RESOURCE_SPANS_V1 = """
            {"resource":{"attributes":[
               {"key":"host.name","value":{"stringValue":"f2951fd6ef8d"}},
               {"key":"opencensus.exporterversion","value":{"stringValue":"Jaeger-Java-0.28.0"}},
               {"key":"ip","value":{"stringValue":"172.26.0.5"}},
               {"key":"service.name","value":{"stringValue":"productcatalogservice"}}]},
             "scopeSpans":[{"scope":{},"spans":[{"traceId":"AAAAAAAAAAAAR0votDRJ+w==","spanId":"c2/ijFMFG78=",
               "parentSpanId":"SJKQxc9mIQk=","name":"/GetProducts",
               "startTimeUnixNano":"1656933075267000000","endTimeUnixNano":"1656933075357000000",
               "attributes":[
                 {"key":"instance","value":{"stringValue":"productcatalogservice-6b654dbf57-zq8dt"}},
                 {"key":"version","value":{"stringValue":"v52"}},
                 {"key":"region","value":{"stringValue":"us-east-1"}},
                 {"key":"http.method","value":{"stringValue":"GET"}},
                 {"key":"http.url","value":{"stringValue":"http://productcatalogservice/GetProducts"}}],
               "status":{}}]}]}
            """;

    private GoldenFixtures() {
    }

    /** The oracle's traces of the bundled pre-release vParquet4 block, with the dedicated slots its meta assigns. */
    public static List<GoldenTrace> bundledVp4Golden() {
        GoldenMetaJson meta = GoldenMetaJson.read(Corpus.tempoBlock());
        return ParquetJavaGolden.read(Corpus.tempoBlock().resolve("data.parquet"), meta.stringSlots("resource"),
                meta.stringSlots("span"));
    }

    /** The bundled vParquet3 block directory (docs/tempo-format.md §17). */
    public static Path vp3Block() {
        return Corpus.root().resolve("tempo-vparquet3/single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10");
    }

    /** The bundled vParquet5-preview5 block directory (docs/tempo-format.md §17). */
    public static Path vp5Block() {
        return Corpus.root().resolve("tempo-vparquet5/single-tenant/b27b0e53-66a0-4505-afd6-434ae3cd4a10");
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

    /**
     * vParquet3 (§17, errata 6–7) on the bundled vP3 block's schema: every scalar column and the JSON columns,
     * precedence, an attribute with nothing set, events with protobuf and JSON attribute values and absolute times,
     * and a link blob whose link carries flags.
     */
    public static Path vp3File(Path directory) {
        MessageType schema = TempoRows.schemaOf(vp3Block().resolve("data.parquet"));
        Group row = traceRow(schema, VP3_TRACE_ID);
        Group resourceSpans = TempoRows.element(row, "rs");
        Group resource = resourceSpans.addGroup("Resource");
        TempoRows.attribute(resource, "s").append("Value", "x");
        TempoRows.attribute(resource, "i").append("ValueInt", 7L);
        TempoRows.attribute(resource, "d").append("ValueDouble", 1.5);
        TempoRows.attribute(resource, "b").append("ValueBool", false);
        TempoRows.attribute(resource, "arr").append("ValueArray", MIXED_ARRAY);
        TempoRows.attribute(resource, "kv").append("ValueKVList", KVLIST);
        TempoRows.attribute(resource, "string.first").append("Value", "wins").append("ValueInt", 9L)
                .append("ValueArray", MIXED_ARRAY);
        TempoRows.attribute(resource, "array.before.kvlist").append("ValueKVList", KVLIST)
                .append("ValueArray", MIXED_ARRAY);
        TempoRows.attribute(resource, "nothing");
        TempoRows.attribute(resource, "blank.json").append("ValueArray", "").append("ValueKVList", "");
        resource.append("ServiceName", "svc").append("K8sPodName", "pod-1");
        resource.addGroup("DedicatedAttributes").append("String01", "10.0.0.1");

        Group ss = TempoRows.element(resourceSpans, "ss");
        ss.addGroup("Scope").append("Name", "lib").append("Version", "1.2");
        Group span = TempoRows.element(ss, "Spans");
        span.append("SpanID", TempoRows.bytes(1, 2, 3, 4, 5, 6, 7, 8)).append("Name", "op").append("Kind", 3L)
                .append("TraceState", "a=b").append("StartTimeUnixNano", 1000L).append("DurationNano", 1000L)
                .append("StatusCode", 1L).append("StatusMessage", "fine");
        TempoRows.attribute(span, "n").append("ValueInt", 3L);
        span.append("DroppedAttributesCount", 1);
        Group event = TempoRows.element(span, "Events").append("TimeUnixNano", 1500L).append("Name", "ev");
        TempoRows.attribute(event, "proto").append("Value", Binary.fromConstantByteArray(
                AnyValue.newBuilder().setIntValue(7).build().toByteArray()));
        TempoRows.attribute(event, "json").append("Value", Binary.fromString(VP3_EVENT_JSON));
        event.append("DroppedAttributesCount", 4);
        span.append("DroppedEventsCount", 2).append("Links", Binary.fromConstantByteArray(linkSlice(VP3_LINK)))
                .append("DroppedLinksCount", 3).append("HttpMethod", "POST").append("HttpStatusCode", 500L);
        span.addGroup("DedicatedAttributes").append("String02", "v1");
        return TempoRows.write(directory, "vparquet3.parquet", schema, List.of(row));
    }

    /** A {@code tempopb.LinkSlice}: field 1, the links, each a length-delimited {@code Span.Link}. */
    private static byte[] linkSlice(Span.Link... links) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (Span.Link link : links) out.writeMessage(1, link);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * vParquet5-preview5 (errata 4 and 5) on the bundled vP5 block's schema: attributes without a value dropped,
     * string and int dedicated slots with and without the {@code array} option and with several values, scope
     * attributes, events, links, counts and {@code ServiceStats}.
     */
    public static Path vp5File(Path directory) {
        MessageType schema = TempoRows.schemaOf(vp5Block().resolve("data.parquet"));
        Group row = traceRow(schema, VP5_TRACE_ID);
        Group stats = row.addGroup("ServiceStats").addGroup("key_value");
        stats.append("key", "svc");
        stats.addGroup("value").append("SpanCount", 1).append("ErrorCount", 0);
        Group resourceSpans = TempoRows.element(row, "rs");
        Group resource = resourceSpans.addGroup("Resource").append("ServiceName", "svc");
        TempoRows.attribute(resource, "no.value").append("IsArray", false);
        TempoRows.attribute(resource, "empty.array").append("IsArray", true);
        TempoRows.attribute(resource, "raw").append("IsArray", false).append("ValueUnsupported", KVLIST);
        resource.append("DroppedAttributesCount", 3);
        resource.addGroup("DedicatedAttributes")          // VP5_RESOURCE_COLUMNS: ip, port (int), tags (array)
                .append("String01", "10.0.0.1").append("String01", "10.0.0.2")
                .append("Int01", 8080L)
                .append("String02", "t1");

        Group ss = TempoRows.element(resourceSpans, "ss");
        Group scope = ss.addGroup("Scope").append("Name", "lib").append("Version", "1.2");
        TempoRows.listEntry(TempoRows.attribute(scope, "scope.flag").append("IsArray", false), "ValueBool")
                .append("element", true);
        TempoRows.attribute(scope, "scope.none").append("IsArray", false);
        scope.append("DroppedAttributesCount", 2);
        ss.append("SpanCount", 1);

        Group span = TempoRows.element(ss, "Spans");
        span.append("SpanID", TempoRows.bytes(1, 2, 3, 4, 5, 6, 7, 8)).append("Name", "op").append("Kind", 2L)
                .append("TraceState", "a=b").append("StartTimeUnixNano", 1000L).append("DurationNano", 1000L)
                .append("StatusCode", 2L).append("StatusMessage", "boom");
        TempoRows.listEntry(TempoRows.attribute(span, "http.method").append("IsArray", false), "Value")
                .append("element", "GET");
        Group ints = TempoRows.attribute(span, "ints").append("IsArray", true);
        for (long n : new long[] {1, 2}) TempoRows.listEntry(ints, "ValueInt").append("element", n);
        span.append("DroppedAttributesCount", 1);
        Group event = TempoRows.element(span, "Events").append("TimeSinceStartNano", 5L).append("Name", "ev");
        TempoRows.listEntry(TempoRows.attribute(event, "ev.n").append("IsArray", false), "ValueInt").append("element", 7L);
        TempoRows.attribute(event, "ev.none").append("IsArray", false);
        event.append("DroppedAttributesCount", 4);
        span.append("DroppedEventsCount", 6);
        Group link = TempoRows.element(span, "Links").append("TraceID", Binary.fromConstantByteArray(VP5_TRACE_ID))
                .append("SpanID", TempoRows.bytes(9, 9, 9, 9, 9, 9, 9, 9)).append("TraceState", "x=y");
        TempoRows.listEntry(TempoRows.attribute(link, "link.s").append("IsArray", false), "Value").append("element", "v");
        link.append("DroppedAttributesCount", 8);
        span.append("DroppedLinksCount", 9);
        span.addGroup("DedicatedAttributes")              // VP5_SPAN_COLUMNS: http.status_code (int), instance
                .append("Int01", 500L);
        return TempoRows.write(directory, "vparquet5-preview5.parquet", schema, List.of(row));
    }

    static Group traceRow(MessageType schema, byte[] traceId) {
        Group row = TempoRows.row(schema);
        row.append("TraceID", Binary.fromConstantByteArray(traceId));
        row.append("TraceIDText", "1");
        row.append("StartTimeUnixNano", 1000L).append("EndTimeUnixNano", 2000L).append("DurationNano", 1000L);
        row.append("RootServiceName", "svc").append("RootSpanName", "op");
        return row;
    }
}
