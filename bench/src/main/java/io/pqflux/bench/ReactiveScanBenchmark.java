package io.pqflux.bench;

import io.pqflux.bench.data.TaxiTripsFile;
import io.pqflux.bench.scan.BatchFold;
import io.pqflux.bench.scan.PqfluxChunkScan;
import io.pqflux.bench.scan.ReferenceChecksum;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reader.ParquetReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactive overhead: the flat-scan suite's taxi file read through {@link ParquetFlux} against the synchronous chunk
 * scan ({@code FlatScanBenchmark.pqflux}: column chunk by column chunk on the calling thread). {@code flux} is the Flux
 * on one thread: decoding on a single-threaded scheduler, one slice in flight, each batch folded where it is
 * delivered; {@code fluxAllCores} uses the default schedulers with as many slices in flight as processors, and folds
 * batches on as many rails of the parallel scheduler. Every scan folds every value into the flat suite's checksum,
 * checked against parquet-java's. One operation is one full scan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ReactiveScanBenchmark {

    @Param({"SNAPPY"})
    public String codec;

    @Param({"" + TaxiTripsFile.DEFAULT_ROWS})
    public long rows;

    private Path file;
    private long expected;
    private PqfluxChunkScan sync;
    private BatchFold fold;
    private Scheduler oneThread;
    private ScanOptions oneCore;
    private ScanOptions allCores;
    private int cores;
    private long last;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        file = TaxiTripsFile.get(rows, CompressionCodecName.valueOf(codec));
        expected = ReferenceChecksum.of(file);
        sync = new PqfluxChunkScan(file, Runnable::run);
        try (ParquetReader reader = ParquetReader.open(file)) {
            fold = new BatchFold(reader);
        }
        cores = Runtime.getRuntime().availableProcessors();
        oneThread = Schedulers.newSingle("flux-one-thread");
        oneCore = ScanOptions.defaults().withDecodeScheduler(oneThread).withSlicesInFlight(1);
        allCores = ScanOptions.defaults().withSlicesInFlight(cores);
        last = expected;
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        switch (method) {
            case "sync" -> ReferenceChecksum.check("pqflux (chunk scan)", file, expected, sync());
            case "flux" -> ReferenceChecksum.check("ParquetFlux (one thread)", file, expected, flux());
            case "fluxAllCores" -> ReferenceChecksum.check("ParquetFlux (all cores)", file, expected, fluxAllCores());
            default -> throw new IllegalStateException("no checksum check for benchmark " + method);
        }
    }

    @Benchmark
    public long sync() {
        return last = sync.checksum();
    }

    @Benchmark
    public long flux() {
        return last = fold.inOrder(ParquetFlux.batches(file, oneCore));
    }

    @Benchmark
    public long fluxAllCores() {
        return last = fold.onRails(ParquetFlux.batches(file, allCores), cores, Schedulers.parallel());
    }

    /** Every measured scan must have read the same values as parquet-java. */
    @TearDown(Level.Iteration)
    public void checkLastScan() {
        ReferenceChecksum.check("the last measured scan", file, expected, last);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sync.close();
        oneThread.dispose();
    }
}
