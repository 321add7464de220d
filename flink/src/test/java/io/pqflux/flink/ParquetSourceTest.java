package io.pqflux.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.filter.Predicate;
import io.pqflux.flink.internal.parquet.ParquetPlanner;
import io.pqflux.flink.internal.parquet.ParquetScan;
import io.pqflux.flink.internal.source.ScanCounters;
import io.pqflux.flink.parquet.ParquetSource;
import io.pqflux.flink.parquet.ParquetSplit;
import io.pqflux.flink.parquet.RecordMapper;
import io.pqflux.flink.testkit.CommittedRecords;
import io.pqflux.flink.testkit.FailOnce;
import io.pqflux.reactive.dataset.Dataset;
import io.pqflux.reactive.dataset.DatasetBatch;
import io.pqflux.reactive.dataset.DatasetIndex;
import io.pqflux.column.ColumnVector;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.storage.s3.S3Settings;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.testdata.random.RandomParquetFiles;
import io.pqflux.testdata.random.WriterSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Parquet source over a hive-style dataset parquet-java wrote (12 files of 200 rows in row groups of 40): the
 * records are what parquet-java wrote, each once, at any parallelism and across a failure.
 */
class ParquetSourceTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration())).setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2)
            .build());

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message m { required int64 id; required binary name (STRING); }");
    private static final int FILES = 12;
    private static final int ROWS = 200;

    @TempDir
    static Path root;
    static List<String> written = new ArrayList<>();

    @BeforeAll
    static void write() throws Exception {
        SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
        for (int k = 0; k < FILES; k++) {
            List<Group> rows = new ArrayList<>();
            for (long id = (long) ROWS * k; id < (long) ROWS * (k + 1); id++) {
                String name = "n-" + id % 17;
                rows.add(factory.newGroup().append("id", id).append("name", name));
                written.add(id + "|" + name);
            }
            RandomParquetFiles.write(root.resolve("day=" + (k % 3) + "/part-" + k + ".parquet"), SCHEMA,
                    WriterSettings.plain(WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY, true, 20, 40), rows);
        }
        // not data: skipped as Dataset skips them
        Files.writeString(root.resolve("_SUCCESS"), "");
    }

    /** "id|name" per matching row: id and name are the first two columns read. */
    static final RecordMapper<String> ROWS_AS_TEXT = ParquetSourceTest::rows;

    private static List<String> rows(DatasetBatch batch) {
        RowGroupBatch data = batch.data();
        ColumnVector id = ((DatasetBatch.Column.Vector) batch.column(0)).vector();
        ColumnVector name = ((DatasetBatch.Column.Vector) batch.column(1)).vector();
        List<String> out = new ArrayList<>(data.selectedRowCount());
        for (int i = 0; i < data.selectedRowCount(); i++) {
            int row = data.selectedRow(i);
            out.add(id.getLong(row) + "|" + new String(name.getByteArray(row), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** "id|day" per matching row: the partition value comes with every row of its file. */
    static final RecordMapper<String> IDS_WITH_DAY = batch -> {
        RowGroupBatch data = batch.data();
        ColumnVector id = ((DatasetBatch.Column.Vector) batch.column(0)).vector();
        Object day = ((DatasetBatch.Column.Constant) batch.column(1)).value();
        List<String> out = new ArrayList<>(data.selectedRowCount());
        for (int i = 0; i < data.selectedRowCount(); i++) out.add(id.getLong(data.selectedRow(i)) + "|" + day);
        return out;
    };

    static ParquetSource.Builder<String> source() {
        return source(root);
    }

    /** "id|name" records of the files under {@code root}. */
    static ParquetSource.Builder<String> source(Path root) {
        return ParquetSource.of(StoreLocation.of(root.toString()), List.of("id", "name"), ROWS_AS_TEXT, Types.STRING);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void everyRowOnceAtAnyParallelism(int parallelism) throws Exception {
        List<String> flink = Jobs.collect(source().build(), parallelism);
        assertThat(flink).hasSize(FILES * ROWS).containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void readsADatasetInS3() throws Exception {
        try (LocalS3 s3 = new LocalS3()) {
            s3.createBucket("data");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    s3.put("data", "events/" + root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            StoreLocation location = new StoreLocation("s3://data/events", Map.of(S3Settings.ENDPOINT, s3.endpoint().toString(),
                    S3Settings.REGION, LocalS3.REGION, S3Settings.PATH_STYLE, "true", S3Settings.ACCESS_KEY_ID, LocalS3.ACCESS_KEY,
                    S3Settings.SECRET_ACCESS_KEY, LocalS3.SECRET_KEY));
            List<String> flink = Jobs.collect(ParquetSource.of(location, List.of("id", "name"), ROWS_AS_TEXT, Types.STRING).build(), 2);
            assertThat(flink).hasSize(FILES * ROWS).containsExactlyInAnyOrderElementsOf(written);
        }
    }

    @Test
    void theFilterPrunesRowGroupsWhenPlanningAndRowsWhenReading() throws Exception {
        Predicate filter = Predicate.and(Predicate.gtEq("id", 1_000L), Predicate.lt("id", 1_130L));
        List<String> expected = written.stream().filter(r -> {
            long id = Long.parseLong(r.substring(0, r.indexOf('|')));
            return id >= 1_000 && id < 1_130;
        }).toList();
        assertThat(new ParquetPlanner(StoreLocation.of(root.toString()), new ParquetScan(List.of("id", "name"), filter, 1024, true, null)).plan(Set.of()))
                .as("row groups of 40 rows that can hold ids 1000..1129").hasSize(4);
        assertThat(new ParquetPlanner(StoreLocation.of(root.toString()), new ParquetScan(List.of("id", "name"), null, 1024, true, null)).plan(Set.of()))
                .hasSize(FILES * ROWS / 40);
        List<String> flink = Jobs.collect(source().filter(filter).build(), 2);
        assertThat(flink).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void planningHandsOutEachFilesSplitsAtOnceAndAResumedPlanPlansExactlyTheRest() throws Exception {
        ParquetPlanner planner = new ParquetPlanner(StoreLocation.of(root.toString()), new ParquetScan(List.of("id"), null, 1024, true, null));
        List<List<ParquetSplit>> units = new ArrayList<>();
        planner.plan(Set.of(), units::add);
        assertThat(units).as("one call per file").hasSize(FILES)
                .allSatisfy(unit -> assertThat(unit.stream().map(split -> split.file().path()).distinct()).hasSize(1));
        List<ParquetSplit> all = units.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(FILES * ROWS / 40);
        // a checkpoint taken after the first five files' splits were handed out
        Set<String> known = new java.util.HashSet<>();
        units.subList(0, 5).forEach(unit -> unit.forEach(split -> known.add(split.splitId())));
        List<ParquetSplit> rest = planner.plan(known);
        assertThat(rest).doesNotContainAnyElementsOf(units.subList(0, 5).stream().flatMap(List::stream).toList())
                .containsExactlyInAnyOrderElementsOf(units.subList(5, FILES).stream().flatMap(List::stream).toList());
    }

    @Test
    void partitionValuesReachTheMapperAndAPartitionFilterPrunesFilesWhenPlanning() throws Exception {
        // files k = 0..11 are in day=k%3; ids of file k are [200k, 200k+200)
        Predicate dayOne = Predicate.eq("day", 1L);
        List<String> expected = new ArrayList<>();
        for (int k = 1; k < FILES; k += 3) {
            for (long id = (long) ROWS * k; id < (long) ROWS * (k + 1); id++) expected.add(id + "|1");
        }
        ParquetScan scan = new ParquetScan(List.of("id", "day"), dayOne, 1024, true, null);
        assertThat(new ParquetPlanner(StoreLocation.of(root.toString()), scan).plan(Set.of()))
                .as("the 4 files of day=1, 5 row groups each: the other days' files are not opened")
                .hasSize(4 * ROWS / 40).allSatisfy(split -> assertThat(split.file().partitionValues()).containsEntry("day", 1L));
        ParquetSource<String> source = ParquetSource.of(StoreLocation.of(root.toString()), List.of("id", "day"), IDS_WITH_DAY, Types.STRING)
                .filter(Predicate.and(dayOne, Predicate.lt("id", 2_000L))).build();
        assertThat(Jobs.collect(source, 2)).containsExactlyInAnyOrderElementsOf(
                expected.stream().filter(r -> Long.parseLong(r.substring(0, r.indexOf('|'))) < 2_000).toList());
    }

    @Test
    void theIndexSidecarSkipsFilesWhenPlanning(@TempDir Path copy) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = copy.resolve(root.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        DatasetIndex.build(Dataset.local(copy), List.of("id"), false).block().write(copy.resolve(DatasetIndex.FILE_NAME));
        // file 0 (ids 0..199) zeroed, same length and modification time: its index entry still describes it, so a
        // planner that opens it fails, and one that trusts the index never does
        Path zeroed = copy.resolve("day=0/part-0.parquet");
        var modified = Files.getLastModifiedTime(zeroed);
        Files.write(zeroed, new byte[(int) Files.size(zeroed)]);
        Files.setLastModifiedTime(zeroed, modified);
        ParquetScan scan = new ParquetScan(List.of("id", "name"), Predicate.eq("id", 1_100L), 1024, true, null);
        assertThat(new ParquetPlanner(StoreLocation.of(copy.toString()), scan).plan(Set.of()))
                .as("id 1100: file 5, the row group of ids 1080..1119").hasSize(1)
                .allSatisfy(split -> assertThat(split.file().path()).endsWith("part-5.parquet"));
        ParquetScan ignoring = new ParquetScan(List.of("id", "name"), Predicate.eq("id", 1_100L), 1024, false, null);
        assertThatThrownBy(() -> new ParquetPlanner(StoreLocation.of(copy.toString()), ignoring).plan(Set.of()))
                .as("without the index the zeroed file's footer is read").hasMessageContaining("part-0.parquet");
    }

    @Test
    void theReadersReportWhatTheyReadAsFlinkMetrics() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Predicate filter = Predicate.and(Predicate.gtEq("id", 1_000L), Predicate.lt("id", 1_130L));
        env.fromSource(source().filter(filter).build(), WatermarkStrategy.noWatermarks(), "parquet").sinkTo(new DiscardingSink<>());
        JobID job = env.execute("metrics").getJobID();
        assertThat(Jobs.counter(METRICS, job, ScanCounters.ROW_GROUPS_READ)).as("the 4 planned row groups").isEqualTo(4);
        assertThat(Jobs.counter(METRICS, job, ScanCounters.BYTES_READ)).isPositive();
        assertThat(Jobs.counter(METRICS, job, ScanCounters.PAGES_READ)).isPositive();
        assertThat(Jobs.counter(METRICS, job, ScanCounters.REQUESTS)).as("local files: no requests").isZero();
    }


    @Test
    void aJobKilledMidRunEmitsEveryRowExactlyOnce() throws Exception {
        String run = "parquet-failover";
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(OtapSourceTest.restarting());
        env.setParallelism(2);
        env.enableCheckpointing(20);
        env.fromSource(source().batchRows(10).readerConcurrency(1, 8).build(), WatermarkStrategy.noWatermarks(), "parquet")
                .map(new FailOnce<String>(run, 600, 1))
                .map(new CommittedRecords<String>(run, s -> s.getBytes(StandardCharsets.UTF_8)))
                .sinkTo(new DiscardingSink<>());
        env.execute(run);
        assertThat(FailOnce.failed(run)).as("the job was killed mid-run").isTrue();
        List<String> committed = CommittedRecords.committed(run).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        assertThat(committed).hasSize(FILES * ROWS).containsExactlyInAnyOrderElementsOf(written);
    }
}
