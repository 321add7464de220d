package io.pqflux.otap.generatortest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.ExporterSimulator.BatchInterval;
import io.pqflux.otap.generator.OtlpSamples;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated exporter's files, checked with parquet-java against docs/otap-format.md §2–§8, §11, §12 (column lists
 * copied from §8).
 */
class ExporterSimulatorTest {

    private static final List<String> ATTRS = List.of("parent_id", "key", "type", "str", "int", "double", "bool", "bytes", "ser");
    private static final List<String> EXEMPLARS = List.of("id", "parent_id", "time_unix_nano", "int_value", "double_value",
            "span_id", "trace_id");
    private static final Map<String, List<String>> SPEC_COLUMNS = Map.ofEntries(
            Map.entry("logs", List.of("id", "resource", "scope", "schema_url", "time_unix_nano", "observed_time_unix_nano",
                    "trace_id", "span_id", "severity_number", "severity_text", "body", "dropped_attributes_count",
                    "event_name", "flags")),
            Map.entry("spans", List.of("id", "resource", "scope", "schema_url", "start_time_unix_nano",
                    "duration_time_unix_nano", "trace_id", "span_id", "trace_state", "parent_span_id", "name", "kind",
                    "dropped_attributes_count", "dropped_events_count", "dropped_links_count", "status")),
            Map.entry("span_events", List.of("id", "parent_id", "time_unix_nano", "name", "dropped_attributes_count")),
            Map.entry("span_links", List.of("id", "parent_id", "trace_id", "span_id", "trace_state", "dropped_attributes_count")),
            Map.entry("univariate_metrics", List.of("id", "resource", "scope", "schema_url", "metric_type", "name",
                    "description", "unit", "aggregation_temporality", "dropped_attributes_count")),
            Map.entry("number_data_points", List.of("id", "parent_id", "start_time_unix_nano", "time_unix_nano", "int_value",
                    "double_value", "flags")),
            Map.entry("summary_data_points", List.of("id", "parent_id", "start_time_unix_nano", "time_unix_nano", "count",
                    "sum", "quantile", "flags")),
            Map.entry("histogram_data_points", List.of("id", "parent_id", "start_time_unix_nano", "time_unix_nano", "count",
                    "sum", "bucket_counts", "explicit_bounds", "flags", "min", "max")),
            Map.entry("exp_histogram_data_points", List.of("id", "parent_id", "start_time_unix_nano", "time_unix_nano",
                    "count", "sum", "scale", "zero_count", "positive", "negative", "flags", "min", "max")),
            Map.entry("number_dp_exemplars", EXEMPLARS), Map.entry("histogram_dp_exemplars", EXEMPLARS),
            Map.entry("exp_histogram_dp_exemplars", EXEMPLARS),
            Map.entry("resource_attrs", ATTRS), Map.entry("scope_attrs", ATTRS), Map.entry("log_attrs", ATTRS),
            Map.entry("span_attrs", ATTRS), Map.entry("span_event_attrs", ATTRS), Map.entry("span_link_attrs", ATTRS),
            Map.entry("metric_attrs", ATTRS), Map.entry("number_dp_attrs", ATTRS), Map.entry("summary_dp_attrs", ATTRS),
            Map.entry("histogram_dp_attrs", ATTRS), Map.entry("exp_histogram_dp_attrs", ATTRS),
            Map.entry("number_dp_exemplar_attrs", ATTRS), Map.entry("histogram_dp_exemplar_attrs", ATTRS),
            Map.entry("exp_histogram_dp_exemplar_attrs", ATTRS));
    private static final Map<String, List<String>> SPEC_STRUCTS = Map.of(
            "resource", List.of("id", "schema_url", "dropped_attributes_count"),
            "scope", List.of("id", "name", "version", "dropped_attributes_count"),
            "body", List.of("type", "str", "int", "double", "bool", "bytes", "ser"),
            "status", List.of("code", "status_message"),
            "positive", List.of("offset", "bucket_counts"),
            "negative", List.of("offset", "bucket_counts"));
    private static final Set<String> ROOTS = Set.of("logs", "spans", "univariate_metrics");
    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final Pattern FILE = Pattern.compile(
            "([a-z_]+)/_part_id=(" + UUID_V4 + ")/part-(\\d{13})-" + UUID_V4 + "\\.parquet");
    private static final LogicalTypeAnnotation U32 = LogicalTypeAnnotation.intType(32, false);
    private static final LogicalTypeAnnotation U16 = LogicalTypeAnnotation.intType(16, false);

    @TempDir
    Path base;

    /** Three batches of every signal, interleaved, into one exporter. */
    private ExporterSimulator writeAllSignals(ExporterSettings settings, int batches, int records) {
        List<LogsData> logs = OtlpSamples.logs(settings.seed(), batches, records);
        List<TracesData> traces = OtlpSamples.traces(settings.seed(), batches, records);
        List<MetricsData> metrics = OtlpSamples.metrics(settings.seed(), batches, records);
        ExporterSimulator exporter = new ExporterSimulator(base, settings);
        for (int b = 0; b < batches; b++) {
            exporter.write(logs.get(b));
            exporter.write(traces.get(b));
            exporter.write(metrics.get(b));
        }
        exporter.close();
        return exporter;
    }

    @Test
    void layoutColumnsAndWriterSettingsFollowTheSpec() throws IOException {
        writeAllSignals(ExporterSettings.defaults().withSeed(3), 3, 14);
        List<Path> files = TableFiles.all(base);
        Set<String> tables = new HashSet<>();
        Set<String> partitions = new HashSet<>();
        for (Path file : files) {
            Matcher matcher = FILE.matcher(base.relativize(file).toString());
            assertThat(matcher.matches()).as("%s", file).isTrue();
            tables.add(matcher.group(1));
            partitions.add(matcher.group(2));
        }
        assertThat(tables).isEqualTo(SPEC_COLUMNS.keySet());
        assertThat(partitions).hasSize(1);
        String partition = partitions.iterator().next();

        for (Path file : files) {
            String table = base.relativize(file).getName(0).toString();
            ParquetMetadata footer = TableFiles.footer(file);
            MessageType schema = footer.getFileMetaData().getSchema();
            assertThat(schema.getName()).isEqualTo("arrow_schema");
            assertThat(schema.getFields().stream().map(Type::getName).toList()).as(table).isEqualTo(SPEC_COLUMNS.get(table));
            checkNested(schema);
            for (String id : List.of("id", "parent_id")) {
                if (schema.containsField(id)) {
                    assertThat(schema.getType(id).asPrimitiveType().getLogicalTypeAnnotation()).as(table + "." + id).isEqualTo(U32);
                }
            }
            String arrowSchema = footer.getFileMetaData().getKeyValueMetaData().get("ARROW:schema");
            byte[] ipc = Base64.getDecoder().decode(arrowSchema);
            assertThat(ipc).startsWith((byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff);
            String text = new String(ipc, StandardCharsets.ISO_8859_1);
            assertThat(text.contains("_part_id") && text.contains(partition)).as(table).isEqualTo(ROOTS.contains(table));
            for (String column : SPEC_COLUMNS.get(table)) assertThat(text).contains(column);
            checkChunksAndPages(file);
        }
        assertThat(SPEC_COLUMNS.get("spans")).doesNotContain("flags");
    }

    /**
     * Struct children as in docs/otap-format.md §8.1–§8.6; lists are
     * {@code <name> (LIST) { repeated group list { T item } }}.
     */
    private static void checkNested(GroupType group) {
        for (Type field : group.getFields()) {
            if (field.isPrimitive()) continue;
            GroupType child = field.asGroupType();
            if (child.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
                Type list = child.getType(0);
                assertThat(list.getName()).isEqualTo("list");
                assertThat(list.isRepetition(Type.Repetition.REPEATED)).isTrue();
                assertThat(list.asGroupType().getFieldCount()).isOne();
                assertThat(list.asGroupType().getType(0).getName()).isEqualTo("item");
                if (!list.asGroupType().getType(0).isPrimitive()) checkNested(list.asGroupType().getType(0).asGroupType());
            } else {
                if (SPEC_STRUCTS.containsKey(child.getName())) {
                    assertThat(child.getFields().stream().map(Type::getName).toList()).as(child.getName())
                            .isEqualTo(SPEC_STRUCTS.get(child.getName()));
                }
                checkNested(child);
            }
        }
    }

    /** UNCOMPRESSED chunks with statistics, column index and offset index; V1 data pages only. */
    private static void checkChunksAndPages(Path file) throws IOException {
        try (ParquetFileReader reader = TableFiles.open(file)) {
            for (BlockMetaData rowGroup : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
                    assertThat(chunk.getCodec()).isEqualTo(CompressionCodecName.UNCOMPRESSED);
                    assertThat(chunk.getStatistics()).isNotNull();
                    assertThat(reader.readColumnIndex(chunk)).as("%s %s", file, chunk.getPath()).isNotNull();
                    assertThat(reader.readOffsetIndex(chunk)).isNotNull();
                }
            }
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                for (ColumnDescriptor column : schema.getColumns()) {
                    PageReader pageReader = pages.getPageReader(column);
                    for (DataPage page = pageReader.readPage(); page != null; page = pageReader.readPage()) {
                        assertThat(page).isInstanceOf(DataPageV1.class);
                    }
                }
            }
        }
    }

    @Test
    void idsOfEachBatchLieInDisjointIncreasingIntervals() {
        ExporterSimulator exporter = writeAllSignals(ExporterSettings.defaults().withSeed(5), 4, 12);
        List<BatchInterval> batches = exporter.batches();
        assertThat(batches).hasSize(12);
        for (int k = 1; k < batches.size(); k++) {
            assertThat(batches.get(k).partition()).isEqualTo(batches.getFirst().partition());
            assertThat(batches.get(k).offset()).isEqualTo(batches.get(k - 1).lastId() + 1);
        }
        // every id and parent_id of a table, in file order, lies in an interval of that table's signal; the intervals
        // never go backwards
        for (String table : SPEC_COLUMNS.keySet()) {
            for (String column : List.of("id", "parent_id")) {
                if (!SPEC_COLUMNS.get(table).contains(column)) continue;
                int previous = -1;
                for (Group row : TableFiles.rows(base, table)) {
                    Long id = TableFiles.u32(row, column);
                    if (id == null) continue;
                    int interval = intervalOf(batches, id);
                    assertThat(interval).as("%s.%s = %d", table, column, id).isGreaterThanOrEqualTo(previous);
                    previous = interval;
                }
            }
        }
    }

    private static int intervalOf(List<BatchInterval> batches, long id) {
        for (int k = 0; k < batches.size(); k++) {
            if (id >= batches.get(k).offset() && id <= batches.get(k).lastId()) return k;
        }
        throw new AssertionError("id " + id + " in no batch interval");
    }

    private Set<Long> nestedIds(String table, String struct) {
        Set<Long> ids = new HashSet<>();
        for (Group row : TableFiles.rows(base, table)) ids.add(TableFiles.u32(row.getGroup(struct, 0), "id"));
        return ids;
    }

    private Set<Long> parentIds(String table) {
        Set<Long> ids = new HashSet<>();
        for (Group row : TableFiles.rows(base, table)) ids.add(TableFiles.u32(row, "parent_id"));
        return ids;
    }

    @Test
    void resourceAndScopeIdsAreNotOffsetUnlessFixed() {
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults());
        OtlpSamples.logs(1, 4, 10).forEach(exporter::write);
        exporter.close();
        // the producer's numbering: at most three resources per batch
        assertThat(nestedIds("logs", "resource")).allMatch(id -> id <= 2);
        assertThat(parentIds("resource_attrs")).anyMatch(id -> id > 2);
        assertThat(nestedIds("logs", "resource")).doesNotContainAnyElementsOf(
                parentIds("resource_attrs").stream().filter(id -> id > 2).toList());
    }

    @Test
    void fixedResourceAndScopeIdsJoinTheirAttributes() {
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults()
                .withResourceScopeIds(ExporterSettings.ResourceScopeIds.FIXED));
        OtlpSamples.logs(1, 4, 10).forEach(exporter::write);
        exporter.close();
        assertThat(nestedIds("logs", "resource")).containsAll(parentIds("resource_attrs"));
        assertThat(nestedIds("logs", "scope")).containsAll(parentIds("scope_attrs"));
        assertThat(nestedIds("logs", "resource")).anyMatch(id -> id > 2);
        MessageType schema = TableFiles.footer(TableFiles.of(base, "logs").getFirst()).getFileMetaData().getSchema();
        assertThat(schema.getType("resource").asGroupType().getType("id").getLogicalTypeAnnotation()).isEqualTo(U32);
    }

    private List<Long> attributeParentIds(ExporterSettings.Order order) throws IOException {
        Path dir = Files.createDirectory(base.resolve(order.name()));
        ExporterSimulator exporter = new ExporterSimulator(dir, ExporterSettings.defaults().withOrder(order));
        OtlpSamples.logs(2, 1, 30).forEach(exporter::write);
        exporter.close();
        List<Long> parents = new ArrayList<>();
        for (Group row : TableFiles.rows(dir, "log_attrs")) parents.add(TableFiles.u32(row, "parent_id"));
        return parents;
    }

    @Test
    void transportOptimizedOrderLeavesAttributeParentIdsUnsorted() throws IOException {
        assertThat(attributeParentIds(ExporterSettings.Order.OTLP_ENCODER)).isSorted();
        List<Long> transport = attributeParentIds(ExporterSettings.Order.TRANSPORT_OPTIMIZED);
        assertThat(transport).isNotEmpty();
        assertThat(new ArrayList<>(transport)).isNotEqualTo(transport.stream().sorted().toList());
        // rows sorted by (type, key) instead
        List<Group> rows = TableFiles.rows(base.resolve("TRANSPORT_OPTIMIZED"), "log_attrs");
        for (int i = 1; i < rows.size(); i++) {
            Group a = rows.get(i - 1);
            Group b = rows.get(i);
            int type = Integer.compare(a.getInteger("type", 0), b.getInteger("type", 0));
            assertThat(type <= 0).isTrue();
            if (type == 0) assertThat(a.getString("key", 0)).isLessThanOrEqualTo(b.getString("key", 0));
        }
    }

    @Test
    void narrowIdWidthsAnnotateSixteenBits() {
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults().withIdWidths(ExporterSettings.IdWidths.NARROW));
        OtlpSamples.logs(1, 2, 10).forEach(exporter::write);
        exporter.close();
        for (String table : List.of("logs", "log_attrs", "resource_attrs")) {
            MessageType schema = TableFiles.footer(TableFiles.of(base, table).getFirst()).getFileMetaData().getSchema();
            String column = table.equals("logs") ? "id" : "parent_id";
            assertThat(schema.getType(column).getLogicalTypeAnnotation()).as(table).isEqualTo(U16);
        }
    }

    private static LogsData logsWithoutAttributes() {
        return LogsData.newBuilder().addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1).setBody(AnyValue.newBuilder().setStringValue("x")))))
                .build();
    }

    @Test
    void aFirstBatchWithoutAttributedLogsFixesSixteenBitIdsAndLaterBatchesFail() {
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults());
        exporter.write(logsWithoutAttributes());
        assertThatThrownBy(() -> exporter.write(OtlpSamples.logs(1, 1, 5).getFirst()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Incompatible type");
        exporter.close();
        MessageType schema = TableFiles.footer(TableFiles.of(base, "logs").getFirst()).getFileMetaData().getSchema();
        assertThat(schema.getType("id").getLogicalTypeAnnotation()).isEqualTo(U16);
        assertThat(schema.getType("id").isRepetition(Type.Repetition.OPTIONAL)).isTrue();
    }

    /** Ten spans of which one has one attribute: {@code spans} reaches 5 rows, {@code span_attrs} does not. */
    private static TracesData spansWithOneAttribute() {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < 10; i++) {
            Span.Builder span = Span.newBuilder().setTraceId(ByteString.copyFrom(new byte[16])).setSpanId(ByteString.copyFrom(new byte[8]))
                    .setName("s" + i).setStartTimeUnixNano(i).setEndTimeUnixNano(i + 1);
            if (i == 3) span.addAttributes(KeyValue.newBuilder().setKey("a").setValue(AnyValue.newBuilder().setIntValue(1)));
            scope.addSpans(span);
        }
        return TracesData.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
    }

    private static boolean anyFinished(ExporterSimulator exporter, String table) {
        return exporter.finishedFiles().stream().anyMatch(p -> p.getParent().getParent().getFileName().toString().equals(table));
    }

    @Test
    void parentFilesWaitForTheirChildrenUnlessTheSpansDefectIsSwitchedOn() throws IOException {
        ExporterSimulator intended = new ExporterSimulator(base.resolve("intended"),
                ExporterSettings.defaults().withRotateRows(5));
        intended.write(spansWithOneAttribute());
        assertThat(anyFinished(intended, "spans")).isFalse();
        assertThat(stagingFiles(base.resolve("intended").resolve("spans"))).hasSize(1);
        intended.close();

        ExporterSimulator defect = new ExporterSimulator(base.resolve("defect"),
                ExporterSettings.defaults().withRotateRows(5).withSpansFlushDefect(true));
        defect.write(spansWithOneAttribute());
        assertThat(anyFinished(defect, "spans")).isTrue();
        assertThat(anyFinished(defect, "span_attrs")).isFalse();
        defect.close();
        assertThat(anyFinished(defect, "span_attrs")).isTrue();
    }

    private static List<Path> stagingFiles(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.parquet#\\d+")).toList();
        }
    }

    @Test
    void rotationWritesSeveralFilesAndChildrenBecomeVisibleFirst() {
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults().withRotateRows(12));
        OtlpSamples.logs(4, 6, 8).forEach(exporter::write);
        exporter.close();
        List<Path> logs = TableFiles.of(base, "logs");
        assertThat(logs.size()).isGreaterThan(2);
        // file name millis order = creation order = batch order
        List<Long> firstIds = new ArrayList<>();
        for (Path file : logs.stream().sorted((a, b) -> millis(a).compareTo(millis(b))).toList()) {
            firstIds.add(TableFiles.rows(file).stream().map(r -> TableFiles.u32(r, "id")).filter(id -> id != null)
                    .findFirst().orElseThrow());
        }
        assertThat(firstIds).isSorted();
        // every log_attrs row is in a file finished no later than the logs file holding its parent
        List<Path> order = exporter.finishedFiles();
        for (Path attrs : TableFiles.of(base, "log_attrs")) {
            for (Group row : TableFiles.rows(attrs)) {
                long parent = TableFiles.u32(row, "parent_id");
                Path parentFile = logs.stream().filter(f -> TableFiles.rows(f).stream()
                        .anyMatch(r -> Long.valueOf(parent).equals(TableFiles.u32(r, "id")))).findFirst().orElseThrow();
                assertThat(order.indexOf(attrs)).isLessThan(order.indexOf(parentFile));
            }
        }
    }

    private static Long millis(Path file) {
        return Long.parseLong(file.getFileName().toString().split("-")[1]);
    }

    @Test
    void idOverflowStartsANewPartition() {
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults().withMaxIdsPerPartition(40));
        OtlpSamples.logs(6, 8, 10).forEach(exporter::write);
        exporter.close();
        Set<UUID> partitions = new HashSet<>();
        for (BatchInterval batch : exporter.batches()) {
            partitions.add(batch.partition());
            assertThat(batch.lastId()).isLessThan(40);
        }
        assertThat(partitions.size()).isGreaterThan(1);
        assertThat(exporter.batches().stream().filter(b -> b.offset() == 0).count()).isEqualTo(partitions.size());
        assertThat(TableFiles.of(base, "logs").stream().map(p -> p.getParent().getFileName().toString()).distinct().count())
                .isEqualTo(partitions.size());
    }

    @Test
    void stagingLeftoversAreLeftOnlyWhenSwitchedOn() throws IOException {
        ExporterSimulator clean = new ExporterSimulator(base.resolve("clean"), ExporterSettings.defaults());
        OtlpSamples.logs(1, 2, 6).forEach(clean::write);
        clean.close();
        assertThat(stagingFiles(base.resolve("clean"))).isEmpty();

        ExporterSimulator crashed = new ExporterSimulator(base.resolve("crashed"),
                ExporterSettings.defaults().withStagingLeftovers(true));
        OtlpSamples.logs(1, 2, 6).forEach(crashed::write);
        crashed.close();
        List<Path> leftovers = stagingFiles(base.resolve("crashed"));
        assertThat(leftovers).hasSize(2).containsExactlyInAnyOrderElementsOf(crashed.stagingLeftovers());
        Path truncated = crashed.stagingLeftovers().getFirst();
        Path original = truncated.resolveSibling(truncated.getFileName().toString().replaceAll("#\\d+$", ""));
        assertThat(Files.size(truncated)).isEqualTo(Files.size(original) / 2);
        assertThat(TableFiles.rows(crashed.stagingLeftovers().getLast())).isNotEmpty();
    }

    /** Value encodings of the data pages of every chunk of a table's first file. */
    private static List<Set<Encoding>> pageEncodings(Path file) throws IOException {
        List<Set<Encoding>> out = new ArrayList<>();
        try (ParquetFileReader reader = TableFiles.open(file)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
                for (ColumnDescriptor column : schema.getColumns()) {
                    Set<Encoding> encodings = new HashSet<>();
                    PageReader pageReader = pages.getPageReader(column);
                    for (DataPage page = pageReader.readPage(); page != null; page = pageReader.readPage()) {
                        encodings.add(((DataPageV1) page).getValueEncoding());
                    }
                    out.add(encodings);
                }
            }
        }
        return out;
    }

    @Test
    @SuppressWarnings("deprecation") // parquet-java's v1 pages still name their dictionary encoding PLAIN_DICTIONARY
    void dictionaryOffOnAndFallingBackToPlainMidChunk() throws IOException {
        for (ExporterSettings.Dictionary mode : ExporterSettings.Dictionary.values()) {
            Path dir = base.resolve(mode.name());
            ExporterSimulator exporter = new ExporterSimulator(dir, ExporterSettings.defaults().withDictionary(mode)
                    .withPageRows(8));
            OtlpSamples.logs(7, 3, 40).forEach(exporter::write);
            exporter.close();
            List<Set<Encoding>> chunks = pageEncodings(TableFiles.of(dir, "log_attrs").getFirst());
            boolean dictionary = chunks.stream().anyMatch(e -> e.contains(Encoding.PLAIN_DICTIONARY));
            boolean mixed = chunks.stream().anyMatch(e -> e.contains(Encoding.PLAIN_DICTIONARY) && e.contains(Encoding.PLAIN));
            switch (mode) {
                case OFF -> assertThat(dictionary).isFalse();
                case ON -> assertThat(dictionary).isTrue();
                case FALLBACK -> assertThat(mixed).isTrue();
            }
        }
    }

    @Test
    void requiredColumnsFollowTheArrowNullabilityOrAreAllOptional() {
        ExporterSimulator exporter = new ExporterSimulator(base.resolve("required"), ExporterSettings.defaults());
        OtlpSamples.logs(1, 1, 6).forEach(exporter::write);
        exporter.close();
        MessageType logs = TableFiles.footer(TableFiles.of(base.resolve("required"), "logs").getFirst()).getFileMetaData().getSchema();
        assertThat(logs.getType("time_unix_nano").isRepetition(Type.Repetition.REQUIRED)).isTrue();
        assertThat(logs.getType("time_unix_nano").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.NANOS));
        assertThat(logs.getType("id").isRepetition(Type.Repetition.OPTIONAL)).isTrue();
        MessageType attrs = TableFiles.footer(TableFiles.of(base.resolve("required"), "log_attrs").getFirst()).getFileMetaData().getSchema();
        assertThat(attrs.getType("key").isRepetition(Type.Repetition.REQUIRED)).isTrue();

        ExporterSimulator optional = new ExporterSimulator(base.resolve("optional"),
                ExporterSettings.defaults().withRequiredColumns(false));
        OtlpSamples.logs(1, 1, 6).forEach(optional::write);
        optional.close();
        for (Path file : TableFiles.all(base.resolve("optional"))) {
            assertAllOptional(TableFiles.footer(file).getFileMetaData().getSchema());
        }
    }

    private static void assertAllOptional(GroupType group) {
        for (Type field : group.getFields()) {
            if (!field.isRepetition(Type.Repetition.REPEATED)) {
                assertThat(field.isRepetition(Type.Repetition.OPTIONAL)).as(field.getName()).isTrue();
            }
            if (!field.isPrimitive()) assertAllOptional(field.asGroupType());
        }
    }

    private static MetricsData gaugeWithIntExemplarsOnly() {
        NumberDataPoint point = NumberDataPoint.newBuilder().setTimeUnixNano(5).setAsInt(3)
                .addExemplars(Exemplar.newBuilder().setTimeUnixNano(5).setAsInt(9)).build();
        return MetricsData.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(
                ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("g")
                        .setGauge(Gauge.newBuilder().addDataPoints(point))))).build();
    }

    @Test
    void exemplarDoubleValueIsInt64ZerosWhenABatchHasNoDoubleExemplars() {
        ExporterSimulator exporter = new ExporterSimulator(base.resolve("ints"), ExporterSettings.defaults());
        exporter.write(gaugeWithIntExemplarsOnly());
        exporter.close();
        Path file = TableFiles.of(base.resolve("ints"), "number_dp_exemplars").getFirst();
        MessageType schema = TableFiles.footer(file).getFileMetaData().getSchema();
        assertThat(schema.getType("double_value").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(schema.getType("double_value").isRepetition(Type.Repetition.REQUIRED)).isTrue();
        assertThat(TableFiles.rows(file).getFirst().getLong("double_value", 0)).isZero();

        ExporterSimulator samples = new ExporterSimulator(base.resolve("samples"), ExporterSettings.defaults());
        OtlpSamples.metrics(1, 1, 12).forEach(samples::write);
        samples.close();
        MessageType mixed = TableFiles.footer(TableFiles.of(base.resolve("samples"), "number_dp_exemplars").getFirst())
                .getFileMetaData().getSchema();
        assertThat(mixed.getType("double_value").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.DOUBLE);
    }

    @Test
    void smallRowGroupsAndPages() throws IOException {
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults().withRowGroupRows(7).withPageRows(3));
        OtlpSamples.logs(8, 2, 20).forEach(exporter::write);
        exporter.close();
        Path file = TableFiles.of(base, "logs").getFirst();
        try (ParquetFileReader reader = TableFiles.open(file)) {
            List<BlockMetaData> rowGroups = reader.getFooter().getBlocks();
            assertThat(rowGroups).hasSize(6); // 40 rows
            assertThat(rowGroups.stream().mapToLong(BlockMetaData::getRowCount).max().orElseThrow()).isEqualTo(7);
            ColumnChunkMetaData time = rowGroups.getFirst().getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals("time_unix_nano")).findFirst().orElseThrow();
            assertThat(reader.readOffsetIndex(time).getPageCount()).isEqualTo(3);
        }
    }

    @Test
    void rowCountsMatchTheInput() {
        List<LogsData> logs = OtlpSamples.logs(9, 3, 15);
        List<TracesData> traces = OtlpSamples.traces(9, 3, 15);
        ExporterSimulator exporter = new ExporterSimulator(base, ExporterSettings.defaults());
        logs.forEach(exporter::write);
        traces.forEach(exporter::write);
        exporter.close();
        long records = logs.stream().flatMap(d -> d.getResourceLogsList().stream())
                .flatMap(r -> r.getScopeLogsList().stream()).mapToLong(ScopeLogs::getLogRecordsCount).sum();
        long logAttributes = logs.stream().flatMap(d -> d.getResourceLogsList().stream())
                .flatMap(r -> r.getScopeLogsList().stream()).flatMap(s -> s.getLogRecordsList().stream())
                .mapToLong(LogRecord::getAttributesCount).sum();
        long events = traces.stream().flatMap(d -> d.getResourceSpansList().stream())
                .flatMap(r -> r.getScopeSpansList().stream()).flatMap(s -> s.getSpansList().stream())
                .mapToLong(Span::getEventsCount).sum();
        assertThat(records).isEqualTo(45);
        assertThat(TableFiles.rows(base, "logs")).hasSize((int) records);
        assertThat(TableFiles.rows(base, "log_attrs")).hasSize((int) logAttributes);
        assertThat(TableFiles.rows(base, "span_events")).hasSize((int) events);
    }
}
