package io.pqflux.bench;

import io.pqflux.bench.data.TaxiTripsFile;
import io.pqflux.bench.scan.ParquetJavaScan;
import io.pqflux.bench.scan.PqfluxChunkScan;
import io.pqflux.bench.scan.ReferenceChecksum;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

/**
 * Suite 1, flat scan: every value of the taxi-shaped file (5M rows, 20 columns) read and folded into a checksum,
 * by parquet-java's column reader API, by pqflux on one thread, and by pqflux on every available processor.
 * One operation is one full scan; rows/s = ops/s × {@code rows}. Both sides go column chunk by column chunk, as
 * parquet-java's column readers do: pqflux decodes a chunk into a vector, folds it and releases it
 * ({@link PqfluxChunkScan}), on the calling thread or as tasks on a pool with one thread per processor.
 *
 * <p>DuckDB is compared on {@link FlatAggregateBenchmark}'s work instead (SQL aggregates of every column), which
 * both engines do there: hashing every value, as here, is work DuckDB's SQL would not do.
 *
 * <p>Strings: every side hashes the bytes of every value (no side hashes a dictionary entry once and reuses it),
 * since that is the work a consumer of the values does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class FlatScanBenchmark {

    @Param({"SNAPPY", "ZSTD", "UNCOMPRESSED"})
    public String codec;

    @Param({"" + TaxiTripsFile.DEFAULT_ROWS})
    public long rows;

    private Path file;
    private long expected;
    private ExecutorService pool;
    private PqfluxChunkScan oneThread;
    private PqfluxChunkScan allCores;
    private long last;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        CompressionCodecName compression = CompressionCodecName.valueOf(codec);
        file = TaxiTripsFile.get(rows, compression);
        expected = ReferenceChecksum.of(file);
        pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        oneThread = new PqfluxChunkScan(file, Runnable::run);
        allCores = new PqfluxChunkScan(file, pool);
        last = expected;
        switch (method) {
            case "parquetJava" -> ReferenceChecksum.check("parquet-java", file, expected, parquetJava());
            case "pqflux" -> ReferenceChecksum.check("pqflux", file, expected, pqflux());
            case "pqfluxAllCores" -> ReferenceChecksum.check("pqflux (all cores)", file, expected, pqfluxAllCores());
            default -> throw new IllegalStateException("no checksum check for benchmark " + method);
        }
    }

    @Benchmark
    public long parquetJava() {
        return last = ParquetJavaScan.checksum(file);
    }

    @Benchmark
    public long pqflux() {
        return last = oneThread.checksum();
    }

    @Benchmark
    public long pqfluxAllCores() {
        return last = allCores.checksum();
    }

    /** Every measured scan must have read the same values as parquet-java. */
    @TearDown(Level.Iteration)
    public void checkLastScan() {
        ReferenceChecksum.check("the last measured scan", file, expected, last);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        oneThread.close();
        allCores.close();
        pool.shutdownNow();
    }
}
