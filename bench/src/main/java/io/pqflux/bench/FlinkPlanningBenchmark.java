package io.pqflux.bench;

import io.pqflux.bench.data.FlinkInputs;
import io.pqflux.flink.SplitBacklog;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.parquet.ParquetPlanner;
import io.pqflux.flink.internal.parquet.ParquetScan;
import io.pqflux.flink.internal.parquet.ParquetSplitSerializer;
import io.pqflux.flink.internal.source.SplitBacklogSerializer;
import io.pqflux.flink.internal.source.SplitPlanner;
import io.pqflux.flink.SizedSplit;
import io.pqflux.flink.internal.tempo.TempoPlanner;
import io.pqflux.flink.internal.tempo.TempoScan;
import io.pqflux.flink.internal.tempo.TempoSplitSerializer;
import io.pqflux.flink.parquet.ParquetSplit;
import io.pqflux.flink.tempo.TempoSplit;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the enumerator pays to plan a large source, on local files: {@code tempo-1000-blocks} (a tenant of 1,000 small
 * blocks: listing, 1,000 {@code meta.json} and 1,000 footers) and {@code parquet-10000-files} (10,000 small files in
 * 100 folders: listing and 10,000 footers). One operation is one whole plan; counters: the splits planned and the
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

    @Param({"tempo-1000-blocks", "parquet-10000-files"})
    public String input;

    private SplitPlanner<? extends SizedSplit> planner;
    private int expectedSplits;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public double splits;
        public double backlogBytes;
    }

    @Setup(Level.Trial)
    public void setUp() {
        switch (input) {
            case "tempo-1000-blocks" -> {
                Path root = FlinkInputs.manyTempoBlocks(1000, 5);
                planner = new TempoPlanner(StoreLocation.of(root.toString()),
                        new TempoScan("generated", null, null, TracePreset.FULL, TraceReadOptions.DEFAULT_MAX_TRACE_BYTES));
                expectedSplits = 1000;
            }
            case "parquet-10000-files" -> {
                Path root = FlinkInputs.manySmallFiles(10_000, 20);
                planner = new ParquetPlanner(StoreLocation.of(root.toString()), new ParquetScan(List.of("id"), null, 1024, true));
                expectedSplits = 10_000;
            }
            default -> throw new IllegalArgumentException(input);
        }
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
