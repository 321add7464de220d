package io.pqflux.bench;

import io.pqflux.bench.data.FlinkInputs;
import io.pqflux.flink.SizedSplit;
import io.pqflux.flink.SplitBacklog;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.parquet.ParquetPlanner;
import io.pqflux.flink.internal.parquet.ParquetScan;
import io.pqflux.flink.internal.parquet.ParquetSplitSerializer;
import io.pqflux.flink.internal.source.SplitBacklogSerializer;
import io.pqflux.flink.internal.source.SplitPlanner;
import io.pqflux.flink.internal.tempo.TempoPlanner;
import io.pqflux.flink.internal.tempo.TempoScan;
import io.pqflux.flink.internal.tempo.TempoSplitSerializer;
import io.pqflux.flink.parquet.ParquetSplit;
import io.pqflux.flink.tempo.TempoSplit;
import io.pqflux.storage.s3.S3Settings;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.storage.testkit.FaultyProxy;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the enumerator pays to plan a large source, on local files: {@code tempo-1000-blocks} (a tenant of 1,000 small
 * blocks: listing, 1,000 {@code meta.json} and 1,000 footers) and {@code parquet-10000-files} (10,000 small files in
 * 100 folders: listing and 10,000 footers); and from object storage, {@code parquet-1000-files-s3-10ms}: 1,000 of those
 * files in S3Proxy (this JVM, loopback) behind a proxy that holds every response back 10 ms, where planning waits on
 * round trips (planned {@code SplitPlanner.REMOTE_CONCURRENCY} files at a time). One operation is one whole plan; counters: the splits planned and the
 * bytes of the enumerator's checkpoint holding them all (its state's size). Gate: the plan has exactly one split per
 * block, or per file (each file and block has one row group), with distinct IDs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class FlinkPlanningBenchmark {

    @Param({"tempo-1000-blocks", "parquet-10000-files", "parquet-1000-files-s3-10ms"})
    public String input;

    private SplitPlanner<? extends SizedSplit> planner;
    private int expectedSplits;
    private LocalS3 s3;
    private FaultyProxy latency;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public double splits;
        public double backlogBytes;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        switch (input) {
            case "tempo-1000-blocks" -> {
                Path root = FlinkInputs.manyTempoBlocks(1000, 5);
                planner = new TempoPlanner(StoreLocation.of(root.toString()),
                        new TempoScan("generated", null, null, TracePreset.FULL, TraceReadOptions.DEFAULT_MAX_TRACE_BYTES));
                expectedSplits = 1000;
            }
            case "parquet-10000-files" -> {
                Path root = FlinkInputs.manySmallFiles(10_000, 20);
                planner = new ParquetPlanner(StoreLocation.of(root.toString()), new ParquetScan(List.of("id"), null, 1024, true, null));
                expectedSplits = 10_000;
            }
            case "parquet-1000-files-s3-10ms" -> {
                Path root = FlinkInputs.manySmallFiles(1_000, 20);
                s3 = new LocalS3();
                s3.createBucket("planning");
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        s3.put("planning", "files/" + root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
                latency = FaultyProxy.withLatency(s3.port(), Duration.ofMillis(10));
                planner = new ParquetPlanner(new StoreLocation("s3://planning/files", Map.of(S3Settings.ENDPOINT, latency.endpoint().toString(),
                        S3Settings.REGION, LocalS3.REGION, S3Settings.PATH_STYLE, "true", S3Settings.ACCESS_KEY_ID, LocalS3.ACCESS_KEY,
                        S3Settings.SECRET_ACCESS_KEY, LocalS3.SECRET_KEY)), new ParquetScan(List.of("id"), null, 1024, true, null));
                expectedSplits = 1_000;
            }
            default -> throw new IllegalArgumentException(input);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (latency != null) latency.close();
        if (s3 != null) s3.close();
    }

    @Benchmark
    public List<? extends SizedSplit> plan(Counts counts) throws Exception {
        List<? extends SizedSplit> splits = planner.plan(Set.of());
        Set<String> ids = new HashSet<>();
        for (SizedSplit split : splits) ids.add(split.splitId());
        if (splits.size() != expectedSplits || ids.size() != expectedSplits) {
            throw new IllegalStateException(input + ": planned " + splits.size() + " splits (" + ids.size() + " distinct), expected "
                    + expectedSplits);
        }
        counts.splits = splits.size();
        counts.backlogBytes = backlogBytes(splits);
        return splits;
    }

    @SuppressWarnings("unchecked") // the planner's splits are the serializer's type: chosen together by input
    private double backlogBytes(List<? extends SizedSplit> splits) throws Exception {
        Set<String> ids = new HashSet<>();
        splits.forEach(s -> ids.add(s.splitId()));
        if (input.startsWith("tempo")) {
            SimpleVersionedSerializer<SplitBacklog<TempoSplit>> serializer = new SplitBacklogSerializer<>(new TempoSplitSerializer());
            return serializer.serialize(new SplitBacklog<>((List<TempoSplit>) splits, ids, true)).length;
        }
        SimpleVersionedSerializer<SplitBacklog<ParquetSplit>> serializer = new SplitBacklogSerializer<>(new ParquetSplitSerializer());
        return serializer.serialize(new SplitBacklog<>((List<ParquetSplit>) splits, ids, true)).length;
    }
}
