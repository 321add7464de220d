package io.pqflux.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.pqflux.flink.internal.source.ScanCounters;
import io.pqflux.flink.otap.OtapSource;
import io.pqflux.flink.testkit.CommittedRecords;
import io.pqflux.flink.testkit.FailOnce;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.generator.BundledExport;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.storage.s3.S3Settings;
import io.pqflux.storage.s3.testkit.LocalS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OTAP source on a MiniCluster against the single-machine replay of the same export: every batch, once. */
class OtapSourceTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration())).setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    static Path dir;
    static Path bundled;
    static Path multi;

    @BeforeAll
    static void write() {
        bundled = dir.resolve("bundled");
        BundledExport.write(bundled);
        // four exporter instances: four partitions of logs alone, enough to spread over four readers
        multi = dir.resolve("multi");
        for (int instance = 0; instance < 4; instance++) {
            try (ExporterSimulator exporter = new ExporterSimulator(multi, ExporterSettings.defaults().withSeed(100 + instance).withRotateRows(150))) {
                OtlpSamples.logs(200 + instance, 10, 40).forEach(exporter::write);
            }
        }
    }

    static List<String> singleMachine(Path base, Signal signal) {
        List<ReplayedBatch<Message>> batches = OtapExport.local(base).<Message>replay(signal, ReplayOptions.defaults()).collectList().block();
        return Jobs.sortedEncodings(batches.stream().map(ReplayedBatch::data).toList(), Message::toByteArray);
    }

    static OtapSource<? extends Message> source(StoreLocation export, Signal signal) {
        return switch (signal) {
            case LOGS -> OtapSource.logs(export).build();
            case TRACES -> OtapSource.traces(export).build();
            case METRICS -> OtapSource.metrics(export).build();
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void everySignalAsTheSingleMachineReplayAtAnyParallelism(int parallelism) throws Exception {
        assertThat(OtapExport.local(bundled).listing().block().partitions()).as("the bundled export's partitions").hasSizeGreaterThan(1);
        for (Signal signal : Signal.values()) {
            List<String> expected = singleMachine(bundled, signal);
            assertThat(expected).as(signal + " batches").isNotEmpty();
            List<? extends Message> flink = Jobs.collect(source(StoreLocation.of(bundled.toString()), signal), parallelism);
            assertThat(Jobs.sortedEncodings(new ArrayList<Message>(flink), Message::toByteArray)).as(signal + " at parallelism " + parallelism)
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void partitionsSpreadOverReaders(int parallelism) throws Exception {
        List<String> expected = singleMachine(multi, Signal.LOGS);
        List<LogsData> flink = Jobs.collect(OtapSource.logs(StoreLocation.of(multi.toString())).build(), parallelism);
        assertThat(Jobs.sortedEncodings(flink, LogsData::toByteArray)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void encodedBatchesAreTheSingleMachineReplaysBytes(int parallelism) throws Exception {
        for (Signal signal : Signal.values()) {
            OtapSource<byte[]> source = switch (signal) {
                case LOGS -> OtapSource.logs(StoreLocation.of(bundled.toString())).buildEncoded();
                case TRACES -> OtapSource.traces(StoreLocation.of(bundled.toString())).buildEncoded();
                case METRICS -> OtapSource.metrics(StoreLocation.of(bundled.toString())).buildEncoded();
            };
            assertThat(Jobs.sortedEncodings(Jobs.collect(source, parallelism), bytes -> bytes))
                    .as(signal + " at parallelism " + parallelism).isEqualTo(singleMachine(bundled, signal));
        }
    }

    @Test
    void theReadersReportWhatTheyReadAsFlinkMetrics() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromSource(OtapSource.logs(StoreLocation.of(multi.toString())).build(), WatermarkStrategy.noWatermarks(), "otap")
                .sinkTo(new DiscardingSink<>());
        JobID job = env.execute("otap metrics").getJobID();
        long rowGroups = 0;
        try (Stream<Path> files = Files.walk(multi)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                    rowGroups += reader.getRowGroups().size();
                }
            }
        }
        assertThat(Jobs.counter(METRICS, job, ScanCounters.ROW_GROUPS_READ)).as("every row group of the export's files, as parquet-java counts them")
                .isEqualTo(rowGroups);
        assertThat(Jobs.counter(METRICS, job, ScanCounters.BYTES_READ)).isPositive();
        assertThat(Jobs.counter(METRICS, job, ScanCounters.PAGES_READ)).isPositive();
        assertThat(Jobs.counter(METRICS, job, ScanCounters.REQUESTS)).as("local files: no requests").isZero();
    }


    @Test
    void readsAnExportInS3() throws Exception {
        try (LocalS3 s3 = new LocalS3()) {
            s3.createBucket("otap");
            try (Stream<Path> files = Files.walk(multi)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    s3.put("otap", "exports/" + multi.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            StoreLocation location = new StoreLocation("s3://otap/exports", Map.of(S3Settings.ENDPOINT, s3.endpoint().toString(),
                    S3Settings.REGION, LocalS3.REGION, S3Settings.PATH_STYLE, "true", S3Settings.ACCESS_KEY_ID, LocalS3.ACCESS_KEY,
                    S3Settings.SECRET_ACCESS_KEY, LocalS3.SECRET_KEY));
            List<LogsData> flink = Jobs.collect(OtapSource.logs(location).build(), 2);
            assertThat(Jobs.sortedEncodings(flink, LogsData::toByteArray)).isEqualTo(singleMachine(multi, Signal.LOGS));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aJobKilledMidRunResumesFromItsCheckpointWithoutLossOrRepeats(int parallelism) throws Exception {
        String run = "otap-failover-" + parallelism;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(restarting());
        env.setParallelism(parallelism);
        env.enableCheckpointing(20);
        // one batch rebuilt ahead per partition: the checkpoint falls between batches of a partition, not only at its end
        env.fromSource(OtapSource.logs(StoreLocation.of(multi.toString())).readerConcurrency(1, 1).build(),
                        WatermarkStrategy.noWatermarks(), "otap")
                .map(new FailOnce<LogsData>(run, 6, 15))
                .map(new CommittedRecords<LogsData>(run, LogsData::toByteArray))
                .sinkTo(new DiscardingSink<>());
        env.execute(run);
        assertThat(FailOnce.failed(run)).as("the job was killed mid-run").isTrue();
        assertThat(Jobs.sortedHex(CommittedRecords.committed(run))).isEqualTo(singleMachine(multi, Signal.LOGS));
    }

    @Test
    void continuousPicksUpPartitionsAsTheyArrive() throws Exception {
        // rounds written aside, then moved in while the job runs: children first, roots last, as a complete flush
        Path live = dir.resolve("live");
        Files.createDirectories(live);
        List<Path> rounds = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Path staged = dir.resolve("round-" + round);
            try (ExporterSimulator exporter = new ExporterSimulator(staged, ExporterSettings.defaults().withSeed(300 + round).withRotateRows(100))) {
                OtlpSamples.logs(400 + round, 5, 30).forEach(exporter::write);
            }
            expected.addAll(singleMachine(staged, Signal.LOGS));
            rounds.add(staged);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        OtapSource<LogsData> source = OtapSource.logs(StoreLocation.of(live.toString())).continuous(Duration.ofMillis(100), Duration.ZERO).build();
        List<LogsData> got = new ArrayList<>();
        Thread mover = Thread.ofVirtual().start(() -> {
            for (Path round : rounds) {
                moveIn(round, live);
                sleep(300);
            }
        });
        try (CloseableIterator<LogsData> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "otap").executeAndCollect()) {
            while (got.size() < expected.size() && records.hasNext()) got.add(records.next());
        }
        mover.join();
        assertThat(Jobs.sortedEncodings(got, LogsData::toByteArray)).isEqualTo(expected.stream().sorted().toList());
    }

    @Test
    void continuousFollowsAnExporterWritingIntoItsPartitionsWhileTheJobRuns() throws Exception {
        // the exporter writes where the job reads, batch by batch: its files rotate and become visible (renamed from
        // staging) while partitions already being read grow; the job sees only files older than the minimum age. A
        // root file is finished only once its resource and scope attribute files are (the simulator has no age-based
        // flush), so files rotate at 8 rows: larger, the few attribute rows per batch would hold every root back
        // until the exporter closes
        Path live = dir.resolve("live-exporter");
        Files.createDirectories(live);
        String run = "otap-live-exporter";
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        OtapSource<LogsData> source = OtapSource.logs(StoreLocation.of(live.toString()))
                .continuous(Duration.ofMillis(50), Duration.ofMillis(150)).build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "otap").map(new Collected<LogsData>(run)).sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync(run);
        try {
            while (job.getJobStatus().get() != org.apache.flink.api.common.JobStatus.RUNNING) sleep(10);
            try (ExporterSimulator exporter = new ExporterSimulator(live, ExporterSettings.defaults().withSeed(500).withRotateRows(8))) {
                for (LogsData batch : OtlpSamples.logs(600, 24, 25)) {
                    exporter.write(batch);
                    sleep(60);
                }
                assertThat(exporter.finishedFiles()).as("files made visible while the job ran").hasSizeGreaterThan(6);
                // the exporter stays open (its last files unfinished) until the job has read a batch: on a loaded
                // machine the job's first poll can come after the last write
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (Collected.records(run).isEmpty() && System.nanoTime() < until) sleep(20);
                assertThat(Collected.records(run)).as("batches read before the exporter stopped").isNotEmpty();
            }
            List<String> expected = singleMachine(live, Signal.LOGS);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (Collected.records(run).size() < expected.size() && System.nanoTime() < deadline) sleep(20);
            // a moment more: a batch emitted twice would show now
            sleep(500);
            assertThat(Jobs.sortedHex(Collected.records(run))).isEqualTo(expected);
        } finally {
            job.cancel().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void continuousDeliversARootFileThatBecomesVisibleAfterALaterOne() throws Exception {
        // the exporter renames a root file only once its children's files are, so a later root file of a partition
        // can become visible first: the job reads the later one's batches, then the earlier one's when it appears
        Path written = dir.resolve("late-root-written");
        Path live = dir.resolve("late-root-live");
        try (ExporterSimulator exporter = new ExporterSimulator(written, ExporterSettings.defaults().withSeed(700)
                .withResourceScopeIds(ExporterSettings.ResourceScopeIds.FIXED).withRotateRows(8))) {
            for (LogsData batch : OtlpSamples.logs(700, 12, 10)) exporter.write(batch);
        }
        List<Path> roots;
        try (Stream<Path> files = Files.walk(written.resolve("logs"))) {
            roots = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        // part-<millis>-<uuid>.parquet sorts by creation within a partition: hold back its first, show its second
        Path late = roots.getFirst();
        assertThat(roots.get(1).getParent()).as("a partition with two root files or more").isEqualTo(late.getParent());
        try (Stream<Path> files = Files.walk(written)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(late)).toList()) {
                Files.createDirectories(live.resolve(written.relativize(file)).getParent());
                Files.copy(file, live.resolve(written.relativize(file)));
            }
        }
        int visibleBatches = singleMachine(live, Signal.LOGS).size();

        String run = "otap-late-root";
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        OtapSource<LogsData> source = OtapSource.logs(StoreLocation.of(live.toString()))
                .continuous(Duration.ofMillis(50), Duration.ZERO).build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "otap").map(new Collected<LogsData>(run)).sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync(run);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (Collected.records(run).size() < visibleBatches && System.nanoTime() < deadline) sleep(20);
            assertThat(Collected.records(run)).as("the batches visible before the late root file").hasSize(visibleBatches);
            // renamed into place, as the exporter finishes a file
            Path target = live.resolve(written.relativize(late));
            Files.copy(late, target.resolveSibling(target.getFileName() + "#1"));
            Files.move(target.resolveSibling(target.getFileName() + "#1"), target, StandardCopyOption.ATOMIC_MOVE);
            List<String> expected = singleMachine(live, Signal.LOGS);
            assertThat(expected).hasSizeGreaterThan(visibleBatches);
            while (Collected.records(run).size() < expected.size() && System.nanoTime() < deadline) sleep(20);
            // a moment more: a batch emitted twice would show now
            sleep(500);
            assertThat(Jobs.sortedHex(Collected.records(run))).isEqualTo(expected);
        } finally {
            job.cancel().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Keeps every record's encoding, per run, for a test to read while the job still runs. */
    static final class Collected<T extends Message> implements org.apache.flink.api.common.functions.MapFunction<T, T> {

        private static final Map<String, List<byte[]>> RECORDS = new java.util.concurrent.ConcurrentHashMap<>();

        private final String run;

        Collected(String run) {
            this.run = run;
            RECORDS.put(run, new java.util.concurrent.CopyOnWriteArrayList<>());
        }

        static List<byte[]> records(String run) {
            return RECORDS.get(run);
        }

        @Override
        public T map(T value) {
            RECORDS.get(run).add(value.toByteArray());
            return value;
        }
    }

    static Configuration restarting() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        return config;
    }

    private static void moveIn(Path round, Path live) {
        try (Stream<Path> tables = Files.list(round)) {
            List<Path> ordered = tables.sorted((a, b) -> Boolean.compare(a.getFileName().toString().equals("logs"),
                    b.getFileName().toString().equals("logs"))).toList();
            for (Path table : ordered) {
                Files.createDirectories(live.resolve(table.getFileName()));
                try (Stream<Path> partitions = Files.list(table)) {
                    for (Path partition : partitions.toList()) Files.move(partition, live.resolve(table.getFileName()).resolve(partition.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
