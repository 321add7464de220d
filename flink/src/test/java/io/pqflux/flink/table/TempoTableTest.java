package io.pqflux.flink.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.generator.SyntheticTraces;
import io.pqflux.tempo.generator.TempoBlockWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink SQL over {@code 'pqflux-tempo'}: blocks written from seeded synthetic traces, each query's rows compared with
 * rows the test derives from those traces (the OTLP that went in), not from the reader.
 */
class TempoTableTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2).build());

    private static final String TENANT = "generated";
    private static final String COLUMNS = "trace_id STRING, span_id STRING, parent_span_id STRING, name STRING, kind STRING,"
            + " start_time TIMESTAMP_LTZ(9), end_time TIMESTAMP_LTZ(9), duration_nanos BIGINT, status_code STRING,"
            + " status_message STRING, service_name STRING, scope_name STRING, scope_version STRING,"
            + " attributes MAP<STRING, STRING>, resource_attributes MAP<STRING, STRING>";

    @TempDir
    static Path root;
    /** Every span that went in, with its resource and scope. */
    static final List<Golden> spans = new ArrayList<>();

    record Golden(TracesData trace, Resource resource, ScopeSpans scope, Span span) {
    }

    @BeforeAll
    static void write() {
        for (int block = 0; block < 2; block++) {
            long seed = 70 + block;
            TempoBlockWriter.generate(root, TempoBlockWriter.Settings.defaults(seed).withRowGroupSizeBytes(120_000), seed, 200);
            for (TracesData trace : SyntheticTraces.sorted(seed, 200).all()) {
                for (ResourceSpans resource : trace.getResourceSpansList()) {
                    for (ScopeSpans scope : resource.getScopeSpansList()) {
                        for (Span span : scope.getSpansList()) spans.add(new Golden(trace, resource.getResource(), scope, span));
                    }
                }
            }
        }
    }

    static StreamTableEnvironment tables() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env, EnvironmentSettings.inBatchMode());
        tables.executeSql("CREATE TABLE spans (" + COLUMNS + ") WITH ('connector' = 'pqflux-tempo', 'path' = '" + root
                + "', 'tenant' = '" + TENANT + "')");
        return tables;
    }

    private static String hex(com.google.protobuf.ByteString id) {
        return id.isEmpty() ? null : HexFormat.of().formatHex(id.toByteArray());
    }

    private static Instant instant(long unixNanos) {
        return Instant.ofEpochSecond(0, unixNanos);
    }

    private static Object text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> String.valueOf(value.getIntValue());
            case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case VALUE_NOT_SET -> null;
            case BYTES_VALUE -> java.util.Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> json(value);
            default -> throw new AssertionError("the synthetic traces have no " + value.getValueCase() + " attributes");
        };
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An array or key-value list as a JSON tree of protobuf's own JSON of it; a tree compares equal whatever its key
     * order, and keeps -0.0 apart from 0.0 (protobuf's JSON parser would not).
     */
    private static Object json(AnyValue value) {
        try {
            return JSON.readTree(JsonFormat.printer().print(value));
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** A value the table printed as OTLP/JSON as its JSON tree; other text as is. */
    private static Object parsed(String text) {
        if (text == null || !text.startsWith("{\"arrayValue\"") && !text.startsWith("{\"kvlistValue\"")) return text;
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not OTLP/JSON: " + text, e);
        }
    }

    private static Map<String, Object> attributes(List<KeyValue> attributes) {
        Map<String, Object> map = new TreeMap<>();
        for (KeyValue attribute : attributes) map.put(attribute.getKey(), text(attribute.getValue()));
        return map;
    }

    /** Tempo's service name: a string {@code service.name}; "-" for none (the synthetic traces also write ints). */
    private static String serviceName(Resource resource) {
        return resource.getAttributesList().stream().filter(a -> a.getKey().equals("service.name") && a.getValue().hasStringValue())
                .map(a -> a.getValue().getStringValue()).findFirst().orElse("-");
    }

    private static List<List<Object>> expected(Predicate<Golden> keep, Function<Golden, List<Object>> row) {
        return ParquetTableTest.sorted(spans.stream().filter(keep).map(row).toList());
    }

    private static List<Object> scalars(Golden golden) {
        Span span = golden.span();
        List<Object> row = new ArrayList<>();
        row.add(TraceId.of(golden.span().getTraceId().toByteArray()).toHex());
        row.add(hex(span.getSpanId()));
        row.add(hex(span.getParentSpanId()));
        row.add(span.getName());
        row.add(span.getKind().name());
        row.add(instant(span.getStartTimeUnixNano()));
        row.add(instant(span.getEndTimeUnixNano()));
        row.add(span.getEndTimeUnixNano() - span.getStartTimeUnixNano());
        row.add(span.getStatus().getCode().name());
        row.add(span.getStatus().getMessage());
        String service = serviceName(golden.resource());
        row.add(service.equals("-") ? null : service);
        row.add(golden.scope().getScope().getName());
        row.add(golden.scope().getScope().getVersion());
        return row;
    }

    @Test
    void everySpanAsTheOtlpThatWentIn() throws Exception {
        String sql = "SELECT trace_id, span_id, parent_span_id, name, kind, start_time, end_time, duration_nanos, status_code,"
                + " status_message, service_name, scope_name, scope_version FROM spans";
        assertThat(tables().explainSql(sql)).as("no attributes asked for").doesNotContain("attributes");
        List<List<Object>> rows = ParquetTableTest.query(tables(), sql);
        assertThat(rows).hasSize(spans.size()).isEqualTo(expected(g -> true, TempoTableTest::scalars));
    }

    @Test
    void attributesAsMapsOfText() throws Exception {
        List<List<Object>> rows = ParquetTableTest.query(tables(), "SELECT span_id, attributes, resource_attributes FROM spans");
        List<List<Object>> normalized = ParquetTableTest.sorted(rows.stream()
                .map(row -> List.<Object>of(row.get(0), new TreeMap<>(castMap(row.get(1))), new TreeMap<>(castMap(row.get(2))))).toList());
        assertThat(normalized).isEqualTo(expected(g -> true, g -> List.of(hex(g.span().getSpanId()),
                attributes(g.span().getAttributesList()), attributes(g.resource().getAttributesList()))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        Map<String, Object> out = new HashMap<>();
        ((Map<String, String>) map).forEach((key, value) -> out.put(key, parsed(value)));
        return out;
    }

    @Test
    void spansPerServiceAndATimeBoundPushedIntoTheScan() throws Exception {
        StreamTableEnvironment tables = tables();
        assertThat(ParquetTableTest.query(tables, "SELECT COALESCE(service_name, '-'), COUNT(*) FROM spans GROUP BY service_name"))
                .isEqualTo(ParquetTableTest.sorted(spans.stream().collect(java.util.stream.Collectors.groupingBy(
                        g -> serviceName(g.resource()), TreeMap::new, java.util.stream.Collectors.counting()))
                        .entrySet().stream().map(e -> List.<Object>of(e.getKey(), e.getValue())).toList()));

        Instant cut = SyntheticTraces.WINDOW_START.plusSeconds(1_800);
        String sql = "SELECT span_id, start_time FROM spans WHERE start_time >= TO_TIMESTAMP_LTZ(" + cut.toEpochMilli() + ", 3)";
        assertThat(tables.explainSql(sql)).contains("filter=[");
        List<List<Object>> rows = ParquetTableTest.query(tables, sql);
        assertThat(rows).isNotEmpty().hasSizeLessThan(spans.size()).isEqualTo(expected(
                g -> !instant(g.span().getStartTimeUnixNano()).isBefore(cut),
                g -> List.of(hex(g.span().getSpanId()), instant(g.span().getStartTimeUnixNano()))));
        // the literal first: the same bound
        String flipped = "SELECT span_id, start_time FROM spans WHERE TO_TIMESTAMP_LTZ(" + cut.toEpochMilli() + ", 3) <= start_time";
        assertThat(ParquetTableTest.query(tables, flipped)).isEqualTo(rows);
    }

    @Test
    void aTraceIdEqualityReadsThatTracesSpans() throws Exception {
        Golden some = spans.get(spans.size() / 2);
        String id = TraceId.of(some.span().getTraceId().toByteArray()).toHex();
        StreamTableEnvironment tables = tables();
        String sql = "SELECT span_id, name FROM spans WHERE trace_id = '" + id + "'";
        assertThat(tables.explainSql(sql)).contains("filter=[");
        assertThat(ParquetTableTest.query(tables, sql)).isNotEmpty().isEqualTo(expected(
                g -> TraceId.of(g.span().getTraceId().toByteArray()).toHex().equals(id),
                g -> List.of(hex(g.span().getSpanId()), g.span().getName())));
        assertThat(ParquetTableTest.query(tables, "SELECT span_id FROM spans WHERE trace_id = 'not hex'")).isEmpty();
    }

    @Test
    void anUnknownOrMistypedColumnFailsListingTheColumns() {
        StreamTableEnvironment tables = StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment(),
                EnvironmentSettings.inBatchMode());
        tables.executeSql("CREATE TABLE strange (span_name STRING) WITH ('connector' = 'pqflux-tempo', 'path' = '" + root
                + "', 'tenant' = '" + TENANT + "')");
        assertThatThrownBy(() -> tables.explainSql("SELECT * FROM strange")).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(ParquetTableTest.rootMessage(e)).contains("pqflux-tempo has no column 'span_name'")
                        .contains("trace_id STRING").contains("start_time TIMESTAMP_LTZ(9)"));
        tables.executeSql("CREATE TABLE mistyped (duration_nanos INT) WITH ('connector' = 'pqflux-tempo', 'path' = '" + root
                + "', 'tenant' = '" + TENANT + "')");
        assertThatThrownBy(() -> tables.explainSql("SELECT * FROM mistyped"))
                .satisfies(e -> assertThat(ParquetTableTest.rootMessage(e)).contains("'duration_nanos' is BIGINT, not INT"));
        tables.executeSql("CREATE TABLE untenanted (name STRING) WITH ('connector' = 'pqflux-tempo', 'path' = '" + root + "')");
        assertThatThrownBy(() -> tables.explainSql("SELECT * FROM untenanted"))
                .satisfies(e -> assertThat(ParquetTableTest.rootMessage(e)).contains("tenant"));
    }
}
