package io.pqflux.bench;

import io.pqflux.bench.data.FlinkInputs;
import io.pqflux.bench.data.OtapLogsExport;
import io.pqflux.bench.otap.LogsChecksum;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A multi-partition OTAP export replayed into OTLP {@code LogsData}: the 10 MB logs export's partition under
 * {@value #PARTITIONS} {@code _part_id}s ({@link FlinkInputs#otapPartitions}, about 80 MB), with the literal join.
 * {@code oneCore} replays the partitions one after another on one thread ({@code partitionsInParallel(1)}, {@code
 * decodeThreads(1)}); {@code allCores} as many
 * at once as there are processors (the default). One operation is one whole replay.
 *
 * <p>Checksum gate: every replay folds its records into a {@link LogsChecksum}, which must equal the generator's
 * input for one partition times {@value #PARTITIONS} (records of different partitions may interleave; the checksum
 * does not depend on their order). Checked in the trial's setup and after every iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class OtapPartitionsBenchmark {

    static final int PARTITIONS = 8;
    /** Replays in the setup before measuring: quick mode's warm-up iterations are one replay each. */
    private static final int WARMUP_REPLAYS = 3;

    private Path base;
    private OtapExport otap;
    private LogsChecksum expected;
    private ReplayOptions oneCore;
    private ReplayOptions allCores;
    private LogsChecksum last;

    /** Log records of the iteration's last replay. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public double records;
    }

    @Setup(Level.Trial)
    public void setUp() {
        base = FlinkInputs.otapPartitions(PARTITIONS);
        otap = OtapExport.local(base);
        expected = OtapLogsExport.get(OtapLogsExport.SIZES[0]).input().times(PARTITIONS);
        ReplayOptions literal = ReplayOptions.defaults().withJoinMode(JoinMode.LITERAL);
        oneCore = literal.withPartitionsInParallel(1).withDecodeThreads(1);
        allCores = literal.withPartitionsInParallel(Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < WARMUP_REPLAYS; i++) {
            check("one core (setup)", replay(oneCore));
            check("all cores (setup)", replay(allCores));
        }
        last = expected;
    }

    @Benchmark
    public LogsChecksum oneCore(Counts counts) {
        return record(counts, replay(oneCore));
    }

    @Benchmark
    public LogsChecksum allCores(Counts counts) {
        return record(counts, replay(allCores));
    }

    private LogsChecksum replay(ReplayOptions options) {
        return otap.logs(options).reduce(new LogsChecksum(), LogsChecksum::add).block();
    }

    private LogsChecksum record(Counts counts, LogsChecksum checksum) {
        counts.records = checksum.records();
        return last = checksum;
    }

    private void check(String reader, LogsChecksum actual) {
        if (!actual.sameAs(expected)) {
            throw new IllegalStateException(reader + " replayed " + base + " with " + actual + " but " + PARTITIONS
                    + " copies of the generator's input have " + expected);
        }
    }

    @TearDown(Level.Iteration)
    public void checkLastReplay() {
        check("the last measured replay", last);
    }
}
