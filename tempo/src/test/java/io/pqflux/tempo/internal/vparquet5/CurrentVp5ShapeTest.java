package io.pqflux.tempo.internal.vparquet5;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.DedicatedColumn.Option;
import io.pqflux.tempo.DedicatedColumn.Scope;
import io.pqflux.tempo.DedicatedColumn.Type;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.testing.MappedBlocks;
import io.pqflux.testdata.random.RandomParquetFiles;
import io.pqflux.testdata.random.WriterSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Current vParquet5 (format {@code vParquet5}): plain repeated groups without LIST annotation, {@code ServiceStats} as
 * a list, event dedicated columns. A one-trace file written with parquet-java in that shape, against OTLP written out
 * by hand from Tempo's read rules: several dedicated values give an array, one gives a scalar even for an
 * {@code array} column, a non-array attribute without value is dropped.
 */
class CurrentVp5ShapeTest {

    private static final String ATTRS = """
            repeated group Attrs {
              required binary Key (STRING); required boolean IsArray; repeated binary Value (STRING);
              repeated int64 ValueInt; repeated double ValueDouble; repeated boolean ValueBool;
              optional binary ValueUnsupported (STRING);
            }
            """;
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message Trace {
              required binary TraceID; required binary TraceIDText (STRING);
              required int64 StartTimeUnixNano; required int64 EndTimeUnixNano; required int64 DurationNano;
              required binary RootServiceName (STRING); required binary RootSpanName (STRING);
              repeated group ServiceStats { required binary ServiceName (STRING); required int32 SpanCount; required int32 ErrorCount; }
              repeated group rs {
                required group Resource {
                  required binary ServiceName (STRING);
                  %1$s
                  required int32 DroppedAttributesCount;
                  required group DedicatedAttributes { repeated binary String01 (STRING); repeated int64 Int01; }
                }
                repeated group ss {
                  required group Scope { required binary Name (STRING); required binary Version (STRING); %1$s required int32 DroppedAttributesCount; }
                  repeated group Spans {
                    required binary SpanID; required binary ParentSpanID; required int32 ChildCount; required binary Name (STRING);
                    required int64 Kind; required binary TraceState (STRING); required int64 StartTimeUnixNano;
                    required int64 DurationNano; required int64 StatusCode; required binary StatusMessage (STRING);
                    %1$s
                    required int32 DroppedAttributesCount;
                    repeated group Events {
                      required int64 TimeSinceStartNano; required binary Name (STRING); %1$s required int32 DroppedAttributesCount;
                      required group DedicatedAttributes { repeated binary String01 (STRING); }
                    }
                    required int32 DroppedEventsCount;
                    repeated group Links {
                      required binary TraceID; required binary SpanID; required binary TraceState (STRING); %1$s
                      required int32 DroppedAttributesCount;
                    }
                    required int32 DroppedLinksCount;
                    required group DedicatedAttributes { repeated binary String01 (STRING); repeated binary String02 (STRING); }
                  }
                  required int32 SpanCount;
                }
              }
            }
            """.formatted(ATTRS));
    private static final byte[] TRACE_ID = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34};
    private static final byte[] SPAN_ID = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final String KVLIST = "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"v\"}}]}}";

    @Test
    void plainRepeatedGroupsMapLikeThePreview(@TempDir Path directory) {
        Path file = directory.resolve("data.parquet");
        RandomParquetFiles.write(file, SCHEMA,
                WriterSettings.plain(WriterVersion.PARQUET_2_0, CompressionCodecName.UNCOMPRESSED, true), List.of(row()));
        BlockMeta meta = new BlockMeta("vParquet5", UUID.randomUUID(), "t", Instant.EPOCH, Instant.EPOCH, 1, 0, 0, 1, 1, 0,
                List.of(new DedicatedColumn(Scope.RESOURCE, Type.STRING, "host", Set.of()),
                        new DedicatedColumn(Scope.RESOURCE, Type.INT, "port", Set.of()),
                        new DedicatedColumn(Scope.SPAN, Type.STRING, "tags", Set.of(Option.ARRAY)),
                        new DedicatedColumn(Scope.SPAN, Type.STRING, "unset", Set.of()),
                        new DedicatedColumn(Scope.EVENT, Type.STRING, "ev.tag", Set.of())), 0, Optional.empty());
        Vp5DedicatedSlots slots = Vp5DedicatedSlots.of(meta);
        List<Trace> traces = MappedBlocks.read(file, schema -> new Vp5TraceMapper(file.toString(), schema,
                TracePreset.FULL, slots, Long.MAX_VALUE));
        assertThat(traces).hasSize(1);
        Trace trace = traces.getFirst();
        assertThat(trace.traceId()).isEqualTo(TRACE_ID);
        assertThat(trace.serviceStats()).isEqualTo(Map.of("svc", new Trace.ServiceStats(1, 1)));
        assertThat(trace.rootSpanName()).isEqualTo("op");
        assertThat(trace.toTracesData()).isEqualTo(expected());
    }

    private static Group row() {
        Group row = new SimpleGroup(SCHEMA);
        row.append("TraceID", Binary.fromConstantByteArray(TRACE_ID)).append("TraceIDText", "1234")
                .append("StartTimeUnixNano", 100L).append("EndTimeUnixNano", 150L).append("DurationNano", 50L)
                .append("RootServiceName", "svc").append("RootSpanName", "op");
        row.addGroup("ServiceStats").append("ServiceName", "svc").append("SpanCount", 1).append("ErrorCount", 1);
        Group rs = row.addGroup("rs");
        Group resource = rs.addGroup("Resource").append("ServiceName", "svc");
        attribute(resource, "a", false).append("Value", "x");
        attribute(resource, "valueless", false);
        attribute(resource, "arr", true).append("ValueInt", 1L).append("ValueInt", 2L);
        resource.append("DroppedAttributesCount", 0);
        resource.addGroup("DedicatedAttributes").append("String01", "h1").append("String01", "h2").append("Int01", 8080L);
        Group ss = rs.addGroup("ss");
        Group scope = ss.addGroup("Scope").append("Name", "lib").append("Version", "1");
        attribute(scope, "sa", false).append("ValueBool", true);
        scope.append("DroppedAttributesCount", 2);
        Group span = ss.addGroup("Spans").append("SpanID", Binary.fromConstantByteArray(SPAN_ID))
                .append("ParentSpanID", Binary.EMPTY).append("ChildCount", 0).append("Name", "op").append("Kind", 2L)
                .append("TraceState", "").append("StartTimeUnixNano", 100L).append("DurationNano", 50L).append("StatusCode", 2L)
                .append("StatusMessage", "bad");
        attribute(span, "d", false).append("ValueDouble", 1.5);
        span.append("DroppedAttributesCount", 3);
        Group event = span.addGroup("Events").append("TimeSinceStartNano", 10L).append("Name", "ev");
        attribute(event, "ek", false).append("Value", "ev1");
        event.append("DroppedAttributesCount", 1);
        event.addGroup("DedicatedAttributes").append("String01", "e");
        span.append("DroppedEventsCount", 4);
        Group link = span.addGroup("Links").append("TraceID", Binary.fromConstantByteArray(TRACE_ID))
                .append("SpanID", Binary.fromConstantByteArray(SPAN_ID)).append("TraceState", "ts");
        attribute(link, "lk", false).append("ValueUnsupported", KVLIST);
        link.append("DroppedAttributesCount", 0);
        span.append("DroppedLinksCount", 5);
        span.addGroup("DedicatedAttributes").append("String01", "t1");
        ss.append("SpanCount", 1);
        return row;
    }

    private static Group attribute(Group owner, String key, boolean array) {
        return owner.addGroup("Attrs").append("Key", key).append("IsArray", array);
    }

    private static TracesData expected() {
        Resource resource = Resource.newBuilder()
                .addAttributes(kv("a", AnyValue.newBuilder().setStringValue("x")))
                .addAttributes(kv("arr", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(1)).addValues(AnyValue.newBuilder().setIntValue(2)))))
                .addAttributes(kv("host", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setStringValue("h1")).addValues(AnyValue.newBuilder().setStringValue("h2")))))
                .addAttributes(kv("port", AnyValue.newBuilder().setIntValue(8080)))
                .addAttributes(kv("service.name", AnyValue.newBuilder().setStringValue("svc")))
                .build();
        Span span = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(TRACE_ID)).setSpanId(ByteString.copyFrom(SPAN_ID)).setName("op")
                .setKindValue(2).setStartTimeUnixNano(100).setEndTimeUnixNano(150)
                .setStatus(Status.newBuilder().setCodeValue(2).setMessage("bad"))
                .addAttributes(kv("d", AnyValue.newBuilder().setDoubleValue(1.5)))
                .addAttributes(kv("tags", AnyValue.newBuilder().setStringValue("t1")))
                .setDroppedAttributesCount(3).setDroppedEventsCount(4).setDroppedLinksCount(5)
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(110).setName("ev").setDroppedAttributesCount(1)
                        .addAttributes(kv("ek", AnyValue.newBuilder().setStringValue("ev1")))
                        .addAttributes(kv("ev.tag", AnyValue.newBuilder().setStringValue("e"))))
                .addLinks(Span.Link.newBuilder().setTraceId(ByteString.copyFrom(TRACE_ID))
                        .setSpanId(ByteString.copyFrom(SPAN_ID)).setTraceState("ts")
                        .addAttributes(kv("lk", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                                .addValues(kv("k", AnyValue.newBuilder().setStringValue("v")))))))
                .build();
        ScopeSpans scopeSpans = ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("lib").setVersion("1").setDroppedAttributesCount(2)
                        .addAttributes(kv("sa", AnyValue.newBuilder().setBoolValue(true))))
                .addSpans(span).build();
        return TracesData.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scopeSpans)).build();
    }

    private static KeyValue kv(String key, AnyValue.Builder value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
