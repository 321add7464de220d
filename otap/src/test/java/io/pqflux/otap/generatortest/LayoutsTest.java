package io.pqflux.otap.generatortest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSettings.ResourceScopeIds;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.ExporterSimulator.BatchInterval;
import io.pqflux.otap.generator.Golden;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.otap.generator.OtlpSamples.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter layouts and the encoder facts behind them, checked in the files with parquet-java. */
class LayoutsTest {

    private static final List<String> ATTRIBUTE_TABLES = Stream.of(OtapTable.values()).filter(OtapTable::isAttributes)
            .map(OtapTable::directory).toList();
    /** AnyValue type code → its value column (docs/otap-format.md §10), scalar types only. */
    private static final List<String> VALUE_COLUMNS = List.of("", "str", "int", "double", "bool", "", "", "bytes");

    @TempDir
    Path base;

    private ExporterSimulator write(Path dir, ExporterSettings settings, List<? extends Message> batches) {
        try (ExporterSimulator exporter = new ExporterSimulator(dir, settings)) {
            batches.forEach(exporter::write);
            return exporter;
        }
    }

    private static <T> List<T> concat(List<? extends T> a, List<? extends T> b, List<? extends T> c) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        out.addAll(c);
        return out;
    }

    // ---------------------------------------------------------------- value columns

    /** Whether a value read from a value column is its type's default ("", 0, ±0.0, empty bytes). */
    private static boolean isDefault(Group row, String column) {
        return switch (column) {
            case "str" -> row.getString(column, 0).isEmpty();
            case "int" -> row.getLong(column, 0) == 0;
            case "double" -> row.getDouble(column, 0) == 0.0;
            default -> row.getBinary(column, 0).length() == 0;
        };
    }

    /**
     * Checks the AnyValue rows of one exporter batch (attribute rows, or present bodies): a value column is all null
     * (left out, template nulls) when every value of its type is the default, otherwise every value of that type is
     * there, defaults included; {@code bool} is there whenever a row has type 4. Returns how many default values were
     * written as values.
     */
    private static int checkValueColumns(List<Group> rows, String what) {
        int writtenDefaults = 0;
        for (int type : List.of(1, 2, 3, 7)) {
            String column = VALUE_COLUMNS.get(type);
            List<Group> typed = rows.stream().filter(r -> r.getInteger("type", 0) == type).toList();
            boolean anyPresent = typed.stream().anyMatch(r -> r.getFieldRepetitionCount(column) > 0);
            boolean anyNonDefault = typed.stream().anyMatch(r -> r.getFieldRepetitionCount(column) > 0 && !isDefault(r, column));
            assertThat(anyPresent).as("%s.%s present iff some value is not the default", what, column).isEqualTo(anyNonDefault);
            if (anyPresent) {
                assertThat(typed).as("%s.%s", what, column).allMatch(r -> r.getFieldRepetitionCount(column) > 0);
                writtenDefaults += (int) typed.stream().filter(r -> isDefault(r, column)).count();
            }
        }
        assertThat(rows).filteredOn(r -> r.getInteger("type", 0) == 4).as("%s.bool", what)
                .allMatch(r -> r.getFieldRepetitionCount("bool") > 0);
        return writtenDefaults;
    }

    @Test
    void valueColumnsAreLeftOutOnlyWhenEveryValueIsTheDefault() {
        Set<Layout> defaults = EnumSet.of(Layout.DEFAULT_VALUES);
        List<Message> input = concat(OtlpSamples.logs(3, 2, 16, defaults), OtlpSamples.traces(3, 2, 16, defaults),
                OtlpSamples.metrics(3, 2, 12, defaults));
        // one file per batch and table: a table's files in name order are its batches in order, all-default ones odd
        write(base, ExporterSettings.defaults().withRotateRows(1), input);
        int writtenDefaults = 0;
        for (String table : ATTRIBUTE_TABLES) {
            List<Path> files = TableFiles.of(base, table);
            for (int i = 0; i < files.size(); i++) {
                List<Group> rows = TableFiles.rows(files.get(i));
                String what = table + " batch " + i;
                int written = checkValueColumns(rows, what);
                if (i % 2 == 1) {
                    assertThat(written).as("%s is all defaults", what).isZero();
                    for (int type : List.of(1, 2, 3, 4, 7)) {
                        assertThat(rows).as("%s has type %d", what, type).anyMatch(r -> r.getInteger("type", 0) == type);
                    }
                    assertThat(rows).filteredOn(r -> r.getInteger("type", 0) == 4)
                            .allMatch(r -> !r.getBoolean("bool", 0));
                }
                writtenDefaults += written;
            }
        }
        assertThat(writtenDefaults).isPositive();
        // bodies likewise; in the all-default batch every present body's value column is left out
        List<Path> logs = TableFiles.of(base, "logs");
        assertThat(logs).hasSize(2);
        for (int i = 0; i < 2; i++) {
            List<Group> bodies = TableFiles.rows(logs.get(i)).stream().filter(r -> r.getFieldRepetitionCount("body") > 0)
                    .map(r -> r.getGroup("body", 0)).toList();
            int written = checkValueColumns(bodies, "body " + i);
            if (i == 1) assertThat(written).isZero();
            else assertThat(written).isPositive();
        }
    }

    @Test
    void defaultsBeforeAColumnsFirstValueAreWrittenAsTheDefault() {
        // -0.0 before the first non-default double becomes 0.0 (the builder's prefix), after it stays -0.0
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (double value : new double[] {-0.0, 1.5, -0.0}) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1)
                    .addAttributes(kv("d", AnyValue.newBuilder().setDoubleValue(value).build())));
        }
        write(base, ExporterSettings.defaults(),
                List.of(LogsData.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope)).build()));
        List<Long> bits = TableFiles.rows(base, "log_attrs").stream()
                .map(r -> Double.doubleToRawLongBits(r.getDouble("double", 0))).toList();
        assertThat(bits).containsExactly(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(1.5),
                Double.doubleToRawLongBits(-0.0));
    }

    // ---------------------------------------------------------------- ids

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    private static KeyValue kv(String key, String value) {
        return kv(key, AnyValue.newBuilder().setStringValue(value).build());
    }

    private static LogRecord log(int time, boolean attributed) {
        LogRecord.Builder log = LogRecord.newBuilder().setTimeUnixNano(time);
        if (attributed) log.addAttributes(kv("n", "" + time));
        return log.build();
    }

    /** r0 without scopes; r1 with a record-less scope and an absent one with a log; r2 with two logs. */
    private static LogsData recordlessAndAbsent() {
        return LogsData.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(Resource.newBuilder().addAttributes(kv("r", "0"))))
                .addResourceLogs(ResourceLogs.newBuilder().setResource(Resource.newBuilder().addAttributes(kv("r", "1")))
                        .addScopeLogs(ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("s0")
                                .addAttributes(kv("s", "0"))))
                        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(log(1, false))))
                .addResourceLogs(ResourceLogs.newBuilder().setResource(Resource.newBuilder().addAttributes(kv("r", "2")))
                        .addScopeLogs(ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("s2")
                                .setVersion("v").addAttributes(kv("s", "2"))).addLogRecords(log(2, true)).addLogRecords(log(3, true))))
                .build();
    }

    @Test
    void recordlessResourcesAndScopesAreNumberedAndAbsentScopesHaveNullFields() {
        LogsData withoutRecords = LogsData.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("r", "none"))).addScopeLogs(ScopeLogs.newBuilder())).build();
        ExporterSimulator exporter = write(base, ExporterSettings.defaults(), List.of(recordlessAndAbsent(), withoutRecords));

        List<Group> logs = TableFiles.rows(base, "logs");
        assertThat(logs.stream().map(r -> TableFiles.u32(r, "id")).toList()).containsExactly(null, 0L, 1L);
        assertThat(logs.stream().map(r -> TableFiles.u32(r.getGroup("resource", 0), "id")).toList()).containsExactly(1L, 2L, 2L);
        assertThat(logs.stream().map(r -> TableFiles.u32(r.getGroup("scope", 0), "id")).toList()).containsExactly(1L, 2L, 2L);
        Group absent = logs.getFirst().getGroup("scope", 0);
        assertThat(absent.getFieldRepetitionCount("name")).isZero();
        assertThat(absent.getFieldRepetitionCount("version")).isZero();
        // 0, and as every scope's count is 0 the column was left out: template nulls
        assertThat(TableFiles.u32(absent, "dropped_attributes_count")).isNull();
        assertThat(logs.get(1).getGroup("scope", 0).getString("name", 0)).isEqualTo("s2");
        // attributes of every resource and present scope, records or not, under their ids; the empty request adds none
        assertThat(TableFiles.rows(base, "resource_attrs").stream().map(r -> TableFiles.u32(r, "parent_id") + "="
                + r.getString("str", 0)).toList()).containsExactly("0=0", "1=1", "2=2");
        assertThat(TableFiles.rows(base, "scope_attrs").stream().map(r -> TableFiles.u32(r, "parent_id") + "="
                + r.getString("str", 0)).toList()).containsExactly("0=0", "2=2");
        // ... but it is a batch to the id generator: one id used
        List<BatchInterval> batches = exporter.batches();
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1).offset()).isEqualTo(batches.get(0).lastId() + 1);
        assertThat(batches.get(1).maxId()).isZero();

        // Golden: record-less resources and scopes do not come back, the absent scope comes back empty
        LogsData expected = Golden.expected(recordlessAndAbsent());
        assertThat(expected.getResourceLogsList()).hasSize(2);
        ScopeLogs first = expected.getResourceLogs(0).getScopeLogs(0);
        assertThat(expected.getResourceLogs(0).getScopeLogsList()).hasSize(1);
        assertThat(first.hasScope()).isTrue();
        assertThat(first.getScope()).isEqualTo(InstrumentationScope.getDefaultInstance());
        assertThat(Golden.expected(withoutRecords).getResourceLogsList()).isEmpty();
    }

    @Test
    void everySpanEventLinkAndExemplarHasAnId() {
        write(base, ExporterSettings.defaults(), concat(OtlpSamples.traces(2, 1, 12), OtlpSamples.metrics(2, 1, 12), List.of()));
        for (String table : List.of("spans", "span_events", "span_links", "number_dp_exemplars", "histogram_dp_exemplars",
                "exp_histogram_dp_exemplars", "number_data_points", "univariate_metrics")) {
            List<Long> ids = TableFiles.rows(base, table).stream().map(r -> TableFiles.u32(r, "id")).toList();
            assertThat(ids).as(table).isNotEmpty().doesNotContainNull();
            if (!table.endsWith("exemplars")) {
                // dense from the batch's offset, in OTLP order
                long first = ids.getFirst();
                assertThat(ids).as(table).containsExactlyElementsOf(LongStream.range(first, first + ids.size()).boxed().toList());
            }
        }
    }

    // ---------------------------------------------------------------- spill and the resource/scope id modes

    /** Per batch (one file each, rotateRows 1), the values of a column of a table. */
    private static List<List<Long>> perBatch(Path dir, String table, Function<Group, Long> value) {
        return TableFiles.of(dir, table).stream().map(f -> TableFiles.rows(f).stream().map(value).toList()).toList();
    }

    private static Long nested(Group row, String struct) {
        return TableFiles.u32(row.getGroup(struct, 0), "id");
    }

    /** Per record of the batch, the running index of its scope (the producer's {@code scope.id}). */
    private static List<Long> recordScopes(LogsData batch) {
        List<Long> out = new ArrayList<>();
        long scope = 0;
        for (ResourceLogs resource : batch.getResourceLogsList()) {
            for (ScopeLogs scopeLogs : resource.getScopeLogsList()) {
                for (int i = 0; i < scopeLogs.getLogRecordsCount(); i++) out.add(scope);
                scope++;
            }
        }
        return out;
    }

    /** Per scope attribute of the batch, the running index of its scope. */
    private static List<Long> attributeScopes(LogsData batch) {
        List<Long> out = new ArrayList<>();
        long scope = 0;
        for (ResourceLogs resource : batch.getResourceLogsList()) {
            for (ScopeLogs scopeLogs : resource.getScopeLogsList()) {
                for (int i = 0; i < scopeLogs.getScope().getAttributesCount(); i++) out.add(scope);
                scope++;
            }
        }
        return out;
    }

    private static List<Long> plus(List<Long> ids, long offset) {
        return ids.stream().map(id -> id + offset).toList();
    }

    @Test
    void spillReachesPastTheBatchIntervalUnlessFixed() {
        List<LogsData> input = OtlpSamples.logs(4, 3, 20, EnumSet.of(Layout.SPILL));
        List<List<BatchInterval>> intervals = new ArrayList<>();
        for (ResourceScopeIds mode : ResourceScopeIds.values()) {
            Path dir = base.resolve(mode.name());
            ExporterSimulator exporter = write(dir, ExporterSettings.defaults().withRotateRows(1).withResourceScopeIds(mode), input);
            List<BatchInterval> batches = exporter.batches();
            intervals.add(batches);
            List<List<Long>> scopeIds = perBatch(dir, "logs", r -> nested(r, "scope"));
            List<List<Long>> resourceIds = perBatch(dir, "logs", r -> nested(r, "resource"));
            List<List<Long>> scopeParents = perBatch(dir, "scope_attrs", r -> TableFiles.u32(r, "parent_id"));
            for (int k = 0; k < batches.size(); k++) {
                BatchInterval batch = batches.get(k);
                long nestedOffset = mode == ResourceScopeIds.UNOFFSET ? 0 : batch.offset();
                // the producer's numbering (record-less resource 0 and scopes first), offset unless UNOFFSET
                assertThat(scopeIds.get(k)).isEqualTo(plus(recordScopes(input.get(k)), nestedOffset));
                assertThat(scopeParents.get(k)).isEqualTo(plus(attributeScopes(input.get(k)), batch.offset()));
                assertThat(resourceIds.get(k)).allMatch(id -> id > nestedOffset);
                if (mode == ResourceScopeIds.FIXED) {
                    assertThat(scopeParents.get(k)).allMatch(id -> id <= batch.lastId());
                } else {
                    // only the first log has attributes (max_id 0) and every root's scope lies past the interval
                    assertThat(batch.maxId()).isZero();
                    assertThat(scopeIds.get(k)).allMatch(id -> id > nestedOffset + batch.maxId());
                    assertThat(scopeParents.get(k)).anyMatch(id -> id > batch.lastId());
                }
                if (mode == ResourceScopeIds.OFFSET && k + 1 < batches.size()) {
                    // ... into the following batches' ids: the next batch's first id is taken twice
                    long next = batches.get(k + 1).offset();
                    assertThat(scopeIds.get(k)).allMatch(id -> id > batch.lastId());
                    assertThat(scopeParents.get(k)).contains(next);
                    assertThat(scopeParents.get(k + 1)).contains(next);
                }
            }
        }
        // OFFSET keeps upstream's intervals, FIXED widens them to hold the nested ids
        assertThat(intervals.get(1)).isEqualTo(intervals.get(0));
        assertThat(intervals.get(2).getLast().lastId()).isGreaterThan(intervals.get(0).getLast().lastId());
    }

    @Test
    void spillOfTracesAndMetricsNeedsNoUnattributedRecords() {
        Set<Layout> spill = EnumSet.of(Layout.SPILL);
        ExporterSimulator exporter = write(base, ExporterSettings.defaults(),
                concat(OtlpSamples.traces(5, 1, 10, spill), OtlpSamples.metrics(5, 1, 10, spill), List.of()));
        for (String root : List.of("spans", "univariate_metrics")) {
            BatchInterval batch = exporter.batches().get(root.equals("spans") ? 0 : 1);
            assertThat(TableFiles.rows(base, root)).as(root).allMatch(r -> nested(r, "scope") > batch.maxId());
        }
    }

    @Test
    void transportOrderRenumbersResourcesAndScopesWithRowsAndDropsTheOthersAttributes() {
        LogsData input = OtlpSamples.logs(6, 1, 20, EnumSet.of(Layout.SPILL)).getFirst();
        write(base, ExporterSettings.defaults().withOrder(ExporterSettings.Order.TRANSPORT_OPTIMIZED), List.of(input));
        List<Group> logs = TableFiles.rows(base, "logs");
        Set<Long> resources = new HashSet<>(logs.stream().map(r -> nested(r, "resource")).toList());
        Set<Long> scopes = new HashSet<>(logs.stream().map(r -> nested(r, "scope")).toList());
        long resourcesWithRecords = input.getResourceLogsList().stream()
                .filter(r -> r.getScopeLogsList().stream().anyMatch(s -> s.getLogRecordsCount() > 0)).count();
        long scopesWithRecords = input.getResourceLogsList().stream().flatMap(r -> r.getScopeLogsList().stream())
                .filter(s -> s.getLogRecordsCount() > 0).count();
        assertThat(resources).isEqualTo(new HashSet<>(LongStream.range(0, resourcesWithRecords).boxed().toList()));
        assertThat(scopes).isEqualTo(new HashSet<>(LongStream.range(0, scopesWithRecords).boxed().toList()));
        assertThat(TableFiles.rows(base, "resource_attrs")).allMatch(r -> resources.contains(TableFiles.u32(r, "parent_id")));
        assertThat(TableFiles.rows(base, "scope_attrs")).isNotEmpty()
                .allMatch(r -> scopes.contains(TableFiles.u32(r, "parent_id")))
                .noneMatch(r -> r.getString("key", 0).equals("recordless.scope"));
        assertThat(TableFiles.rows(base, "resource_attrs")).noneMatch(r -> r.getString("key", 0).equals("recordless.resource"));
    }

    // ---------------------------------------------------------------- edge values

    private static long count(List<Group> rows, Function<Group, Boolean> test) {
        return rows.stream().filter(test::apply).count();
    }

    private static boolean has(Group row, String field) {
        return row.getFieldRepetitionCount(field) > 0;
    }

    @Test
    void edgeValuesAreInTheFiles() throws IOException {
        Set<Layout> edge = EnumSet.of(Layout.EDGE_VALUES);
        write(base, ExporterSettings.defaults(), OtlpSamples.mixed(7, 2, 16, edge));
        List<Group> logs = TableFiles.rows(base, "logs");
        assertThat(count(logs, r -> r.getLong("time_unix_nano", 0) < 0)).as("u64 times >= 2^63").isPositive();
        assertThat(count(logs, r -> r.getInteger("dropped_attributes_count", 0) == -1)).as("u32 max").isPositive();
        assertThat(count(logs, r -> has(r, "flags") && r.getInteger("flags", 0) == -1)).isPositive();
        assertThat(count(logs, r -> !has(r.getGroup("scope", 0), "name"))).as("absent scopes").isPositive();
        assertThat(count(logs, r -> has(r, "body") && has(r.getGroup("body", 0), "str")
                && r.getGroup("body", 0).getBinary("str", 0).length() > 64)).isPositive();
        List<Group> spans = TableFiles.rows(base, "spans");
        assertThat(count(spans, r -> r.getLong("start_time_unix_nano", 0) < 0)).isPositive();
        assertThat(count(spans, r -> has(r, "dropped_events_count") && r.getInteger("dropped_events_count", 0) == -1)).isPositive();
        assertThat(count(TableFiles.rows(base, "histogram_data_points"), r -> r.getLong("count", 0) == -1L)).as("u64 max").isPositive();
        assertThat(count(TableFiles.rows(base, "number_data_points"), r -> r.getInteger("flags", 0) == -1)).isPositive();
        List<Group> exemplars = Stream.of("number_dp_exemplars", "histogram_dp_exemplars", "exp_histogram_dp_exemplars")
                .flatMap(t -> TableFiles.rows(base, t).stream()).toList();
        assertThat(count(exemplars, r -> r.getLong("time_unix_nano", 0) < 0)).isPositive();

        // keys: empty, non-ASCII, longer than 64 bytes, in every signal's record attributes and the shared tables
        for (String table : List.of("log_attrs", "span_attrs", "metric_attrs", "resource_attrs")) {
            List<String> keys = TableFiles.rows(base, table).stream().map(r -> r.getString("key", 0)).toList();
            assertThat(keys).as(table).contains("", "ключ.中.🎉")
                    .anyMatch(k -> k.getBytes(StandardCharsets.UTF_8).length > 64);
        }
        // the first record of each batch: 120 attributes
        for (String table : List.of("log_attrs", "span_attrs", "metric_attrs")) {
            List<Long> parents = TableFiles.rows(base, table).stream().map(r -> TableFiles.u32(r, "parent_id")).toList();
            assertThat(parents.stream().filter(p -> p.equals(parents.getFirst())).count()).as(table).isEqualTo(120);
        }
        // statistics truncated to 64 bytes while the values are whole
        Path file = TableFiles.of(base, "log_attrs").getFirst();
        try (ParquetFileReader reader = TableFiles.open(file)) {
            ColumnChunkMetaData key = reader.getFooter().getBlocks().getFirst().getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals("key")).findFirst().orElseThrow();
            ColumnIndex index = reader.readColumnIndex(key);
            assertThat(index.getMinValues()).allMatch(b -> b.remaining() <= 64);
            assertThat(TableFiles.rows(file)).anyMatch(r -> r.getBinary("key", 0).length() > 64);
        }
    }

    // ---------------------------------------------------------------- unattributed log batches, mixed input

    @Test
    void batchesWithoutAttributedLogsNeedSixteenBitIdsToShareAFile() {
        List<LogsData> input = OtlpSamples.logs(8, 3, 10, EnumSet.of(Layout.UNATTRIBUTED_LOGS));
        assertThat(input.get(1).getResourceLogsList()).allMatch(r -> r.getScopeLogsList().stream()
                .allMatch(s -> s.getLogRecordsList().stream().allMatch(l -> l.getAttributesCount() == 0)));
        ExporterSimulator stopped = new ExporterSimulator(base.resolve("defaults"), ExporterSettings.defaults());
        stopped.write(input.getFirst());
        assertThatThrownBy(() -> stopped.write(input.get(1))).hasMessageContaining("Incompatible type");
        stopped.close();

        Path dir = base.resolve("u16");
        write(dir, ExporterSettings.defaults().withIdWidths(ExporterSettings.IdWidths.NARROW), input);
        List<Group> logs = TableFiles.rows(dir, "logs");
        int records0 = records(input.getFirst()), records1 = records(input.get(1));
        assertThat(logs).hasSize(records0 + records1 + records(input.get(2)));
        assertThat(logs.subList(records0, records0 + records1)).allMatch(r -> TableFiles.u32(r, "id") == null);
    }

    private static int records(LogsData data) {
        return data.getResourceLogsList().stream().flatMap(r -> r.getScopeLogsList().stream())
                .mapToInt(ScopeLogs::getLogRecordsCount).sum();
    }

    @Test
    void mixedInputInterleavesTheSignalsForOneExporter() {
        Set<Layout> layouts = EnumSet.of(Layout.SPILL, Layout.DEFAULT_VALUES);
        List<Message> mixed = OtlpSamples.mixed(9, 4, 8, layouts);
        assertThat(mixed).isEqualTo(OtlpSamples.mixed(9, 4, 8, layouts)).hasSize(12);
        assertThat(mixed.subList(0, 3).stream().map(m -> m.getClass().getSimpleName()).toList())
                .containsExactly("LogsData", "TracesData", "MetricsData");
        assertThat(mixed.stream().filter(LogsData.class::isInstance).toList()).isEqualTo(OtlpSamples.logs(9, 4, 8, layouts));
        assertThat(mixed.stream().filter(TracesData.class::isInstance).toList()).isEqualTo(OtlpSamples.traces(9, 4, 8, layouts));
        assertThat(mixed.stream().filter(MetricsData.class::isInstance).toList()).isEqualTo(OtlpSamples.metrics(9, 4, 8, layouts));
        // not grouped by signal
        List<String> order = mixed.stream().map(m -> m.getClass().getSimpleName()).toList();
        assertThat(order).isNotEqualTo(order.stream().sorted().toList());

        ExporterSimulator exporter = write(base, ExporterSettings.defaults(), mixed);
        assertThat(exporter.batches().stream().map(b -> b.signal().name()).toList())
                .isEqualTo(order.stream().map(n -> n.replace("Data", "").toUpperCase()).toList());
        long resourceAttributes = mixed.stream().mapToLong(m -> switch (m) {
            case LogsData l -> l.getResourceLogsList().stream().mapToLong(r -> r.getResource().getAttributesCount()).sum();
            case TracesData t -> t.getResourceSpansList().stream().mapToLong(r -> r.getResource().getAttributesCount()).sum();
            case MetricsData d -> d.getResourceMetricsList().stream().mapToLong(r -> r.getResource().getAttributesCount()).sum();
            default -> throw new AssertionError(m);
        }).sum();
        assertThat(TableFiles.rows(base, "resource_attrs")).hasSize((int) resourceAttributes);
    }

    @Test
    void everyLayoutCanBeWrittenAndGoldenDropsOnlyTheRecordless() {
        Set<Layout> shareable = EnumSet.complementOf(EnumSet.of(Layout.UNATTRIBUTED_LOGS));
        List<Message> input = OtlpSamples.mixed(10, 4, 12, shareable);
        write(base.resolve("defaults"), ExporterSettings.defaults(), input);
        write(base.resolve("all"), ExporterSettings.defaults().withIdWidths(ExporterSettings.IdWidths.NARROW).withOrder(ExporterSettings.Order.TRANSPORT_OPTIMIZED),
                OtlpSamples.mixed(10, 4, 12, EnumSet.allOf(Layout.class)));
        long logRecords = input.stream().filter(LogsData.class::isInstance).mapToLong(m -> records((LogsData) m)).sum();
        assertThat(TableFiles.rows(base.resolve("defaults"), "logs")).hasSize((int) logRecords);
        for (Message m : input) {
            switch (m) {
                case LogsData l -> assertThat(Golden.expected(l).getResourceLogsList()).allMatch(r -> r.hasResource()
                        && r.getScopeLogsList().stream().allMatch(s -> s.hasScope() && s.getLogRecordsCount() > 0));
                case TracesData t -> assertThat(Golden.expected(t).getResourceSpansList()).hasSize(
                        (int) t.getResourceSpansList().stream().filter(r -> r.getScopeSpansList().stream()
                                .anyMatch(s -> s.getSpansCount() > 0)).count());
                case MetricsData d -> assertThat(Golden.expected(d).getResourceMetricsList()).hasSize(
                        (int) d.getResourceMetricsList().stream().filter(r -> r.getScopeMetricsList().stream()
                                .anyMatch(s -> s.getMetricsCount() > 0)).count());
                default -> throw new AssertionError(m);
            }
        }
    }

    @Test
    void goldenCountsMinusZeroAsZeroAtTheTopLevelOnly() {
        Function<Double, LogsData> logs = d -> LogsData.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
                        .setBody(AnyValue.newBuilder().setDoubleValue(d))
                        .addAttributes(kv("d", AnyValue.newBuilder().setDoubleValue(d).build()))))).build();
        assertThat(Golden.expected(logs.apply(-0.0))).isEqualTo(Golden.expected(logs.apply(0.0)));
        assertThat(Golden.expected(logs.apply(-1.0))).isNotEqualTo(Golden.expected(logs.apply(1.0)));
        // inside a kvlist CBOR keeps -0.0
        Function<Double, LogsData> nested = d -> LogsData.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().addAttributes(kv("m",
                        AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addValues(
                                kv("d", AnyValue.newBuilder().setDoubleValue(d).build()))).build()))))).build();
        assertThat(Golden.expected(nested.apply(-0.0))).isNotEqualTo(Golden.expected(nested.apply(0.0)));
    }
}
