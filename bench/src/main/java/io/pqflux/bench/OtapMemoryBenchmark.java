package io.pqflux.bench;

import io.pqflux.bench.data.OtapLogsExport;
import io.pqflux.bench.otap.LogsChecksum;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.reader.OffHeapMemory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Memory of the OTAP logs replay as the partition grows: generated one-partition exports of about 10 MB, 100 MB and
 * 1 GB ({@link OtapLogsExport}, the same generator settings and batch size, only more batches) replayed whole with
 * the literal join, the records folded into a {@link LogsChecksum} that must equal the generator's input. The replay
 * should hold about one batch window per table, so every figure should stay flat as the partition grows.
 *
 * <p>Secondary metrics (per iteration, the largest over its replays; the report's COUNTER lines give the mean over
 * iterations):
 * <ul>
 *   <li>{@code peakOffHeapMiB}: {@link OffHeapMemory#peakBytes()} from a reset at the replay's start (decoded vectors
 *       and readers' buffers; memory-mapped file pages are not off-heap allocations and do not count);
 *   <li>{@code liveHeapMiB}: the most heap in use right after a full GC ({@code System.gc()}) taken in the subscriber
 *       on every {@link #gcEveryBatches}-th batch, while it holds that batch and the replay holds its state: the
 *       retained heap (everything live in the JVM, including JMH's own, see {@code baselineHeapMiB});
 *   <li>{@code baselineHeapMiB}: heap in use right after a full GC before the replay;
 *   <li>{@code peakHeapMiB}: the sum of the heap memory pools' peak usage from a reset after that GC: garbage
 *       included, so it follows the collector's sizing (young generation fixed at 256 MiB here) more than the replay.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms2g", "-Xmx2g", "-Xmn256m"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class OtapMemoryBenchmark {

    /** The export's size in MB (10^6 bytes) of Parquet files. */
    @Param({"10", "100", "1000"})
    public int megabytes;

    /** A full GC, and a live-heap sample, every this many replayed batches (the first batch always). */
    @Param({"4"})
    public int gcEveryBatches;

    private OtapLogsExport.Export export;
    private OtapExport otap;
    private ReplayOptions literal;
    private List<MemoryPoolMXBean> heapPools;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Memory {
        public double peakOffHeapMiB;
        public double liveHeapMiB;
        public double baselineHeapMiB;
        public double peakHeapMiB;
        public double records;

        @Setup(Level.Iteration)
        public void reset() {
            peakOffHeapMiB = liveHeapMiB = baselineHeapMiB = peakHeapMiB = records = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        export = OtapLogsExport.get(megabytes * 1_000_000L);
        otap = OtapExport.local(export.base());
        literal = ReplayOptions.defaults().withJoinMode(JoinMode.LITERAL);
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    @Benchmark
    public LogsChecksum replay(Memory memory) {
        System.gc();
        long baseline = usedHeap();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long offHeapBefore = OffHeapMemory.liveBytes();
        OffHeapMemory.resetPeakBytes();
        long[] live = {baseline};
        long[] batches = {0};
        LogsChecksum checksum = otap.logs(literal).reduce(new LogsChecksum(), (sum, data) -> {
            if (batches[0]++ % gcEveryBatches == 0) {
                System.gc();
                live[0] = Math.max(live[0], usedHeap());
            }
            return sum.add(data);
        }).block();
        long peakHeap = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();

        if (!checksum.sameAs(export.input())) {
            throw new IllegalStateException("the replay of " + export.base() + " gave " + checksum
                    + " but the generator's input has " + export.input());
        }
        if (OffHeapMemory.liveBytes() != offHeapBefore) {
            throw new IllegalStateException("the replay left " + (OffHeapMemory.liveBytes() - offHeapBefore)
                    + " off-heap bytes held");
        }
        memory.peakOffHeapMiB = Math.max(memory.peakOffHeapMiB, mib(OffHeapMemory.peakBytes()));
        memory.liveHeapMiB = Math.max(memory.liveHeapMiB, mib(live[0]));
        memory.baselineHeapMiB = Math.max(memory.baselineHeapMiB, mib(baseline));
        memory.peakHeapMiB = Math.max(memory.peakHeapMiB, mib(peakHeap));
        memory.records = checksum.records();
        return checksum;
    }

    private long usedHeap() {
        return heapPools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
