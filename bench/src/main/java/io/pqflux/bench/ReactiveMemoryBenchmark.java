package io.pqflux.bench;

import io.pqflux.bench.checksum.Fold;
import io.pqflux.bench.data.TaxiTripsFile;
import io.pqflux.bench.scan.BatchFold;
import io.pqflux.bench.scan.ReferenceChecksum;
import io.pqflux.reactive.ParquetBatch;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reader.OffHeapMemory;
import io.pqflux.reader.ParquetReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
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
 * Memory: the most off-heap bytes a {@link ParquetFlux} scan of the taxi file holds at once when its subscriber is
 * slow, with the 256 MiB default budget and with none ({@code Long.MAX_VALUE}). The subscriber takes batches from a
 * queue of {@link #consumerQueue} (Reactor's {@code toStream}: it asks for that many ahead), folds each one, then
 * sleeps {@link #consumerMillis} before closing it, so the scan runs ahead of it as far as its memory budget (and the
 * queue) let it: without a budget it fills the queue with decoded batches. One operation is one scan (a second or
 * more, so a 1 s iteration is one scan); the secondary metric {@code peakOffHeapMiB} is the largest
 * {@link OffHeapMemory#peakBytes()} of the iteration's scans, each measured from a reset at its start (decoded vectors and readers' buffers; memory-mapped file pages are not off-heap allocations and
 * do not count). Every scan's checksum is checked against parquet-java's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class ReactiveMemoryBenchmark {

    /** The scan's memory budget in MiB, or {@code unbounded} for {@code Long.MAX_VALUE}. */
    @Param({"256", "unbounded"})
    public String budgetMiB;

    @Param({"" + TaxiTripsFile.DEFAULT_ROWS})
    public long rows;

    /** Rows per batch: 20 batches of the 5M-row file, tens of MiB each once decoded. */
    @Param({"262144"})
    public int batchRows;

    /** Batches the subscriber asks for ahead of the one it works on. */
    @Param({"16"})
    public int consumerQueue;

    /** What the subscriber spends on each batch besides folding it. */
    @Param({"50"})
    public int consumerMillis;

    private Path file;
    private long expected;
    private BatchFold fold;
    private ScanOptions options;

    /**
     * The largest peak of the iteration's scans: JMH zeroes the field before each iteration and reads it after. (Its
     * table shows the sum over iterations; the report's COUNTER lines give the mean per iteration.)
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Peak {
        public double peakOffHeapMiB;

        @Setup(Level.Iteration)
        public void reset() {
            peakOffHeapMiB = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        file = TaxiTripsFile.get(rows, CompressionCodecName.SNAPPY);
        expected = ReferenceChecksum.of(file);
        try (ParquetReader reader = ParquetReader.open(file)) {
            fold = new BatchFold(reader);
        }
        long budget = budgetMiB.equals("unbounded") ? Long.MAX_VALUE : Long.parseLong(budgetMiB) << 20;
        options = ScanOptions.defaults().withBatchRows(batchRows).withMemoryBudget(budget)
                .withSlicesInFlight(Runtime.getRuntime().availableProcessors());
    }

    @Benchmark
    public long slowConsumer(Peak peak) throws InterruptedException {
        OffHeapMemory.resetPeakBytes();
        long[] sums = null;
        try (Stream<ParquetBatch> stream = ParquetFlux.batches(file, options).toStream(consumerQueue)) {
            for (Iterator<ParquetBatch> batches = stream.iterator(); batches.hasNext(); ) {
                try (ParquetBatch batch = batches.next()) {
                    long[] batchSums = fold.columnSums(batch.batch());
                    sums = sums == null ? batchSums : BatchFold.add(sums, batchSums);
                    Thread.sleep(Duration.ofMillis(consumerMillis));
                }
            }
        }
        peak.peakOffHeapMiB = Math.max(peak.peakOffHeapMiB, OffHeapMemory.peakBytes() / 1048576.0);
        ReferenceChecksum.check("ParquetFlux (slow consumer, budget " + budgetMiB + ")", file, expected, Fold.combine(sums));
        return expected;
    }
}
