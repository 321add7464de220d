package io.pqflux.bench;

import io.pqflux.bench.checksum.Fold;
import io.pqflux.bench.data.TempoShapedFile;
import io.pqflux.bench.scan.ParquetJavaScan;
import io.pqflux.bench.scan.PqfluxChunkScan;
import io.pqflux.bench.scan.PqfluxScan;
import io.pqflux.bench.scan.ReferenceChecksum;
import io.pqflux.nested.NestedBatch;
import io.pqflux.nested.NestedColumn;
import io.pqflux.reader.ParquetReader;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Suite 2, nested scan: every leaf of the Tempo-shaped file (103 leaves, lists five deep) read with its definition
 * and repetition levels and values, folded into one checksum. {@code pqfluxWithStructure} additionally computes
 * the per-leaf nesting structure (offsets and validity per level) that assemblers of nested objects consume, for
 * which it decodes whole row groups. {@code pqflux} goes column chunk by column chunk, as parquet-java's column
 * readers do ({@link PqfluxChunkScan}). One operation is one full scan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class NestedScanBenchmark {

    @Param({"" + TempoShapedFile.DEFAULT_TRACES})
    public int traces;

    private Path file;
    private long expected;
    private PqfluxChunkScan oneThread;
    private long last;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        file = TempoShapedFile.get(traces);
        expected = ReferenceChecksum.of(file);
        oneThread = new PqfluxChunkScan(file, Runnable::run);
        last = expected;
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        switch (method) {
            case "parquetJava" -> ReferenceChecksum.check("parquet-java", file, expected, parquetJava());
            case "pqflux" -> ReferenceChecksum.check("pqflux", file, expected, pqflux());
            case "pqfluxWithStructure" -> ReferenceChecksum.check("pqflux", file, expected, scanWithStructure(column -> { }));
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
    public long pqfluxWithStructure(Blackhole structure) {
        return last = scanWithStructure(structure::consume);
    }

    private long scanWithStructure(Consumer<NestedColumn> structure) {
        try (ParquetReader reader = ParquetReader.open(file)) {
            return Fold.combine(PqfluxScan.columnSums(reader, batch -> {
                NestedBatch nested = batch.nested();
                for (int leaf = 0; leaf < reader.projectedColumns().size(); leaf++) structure.accept(nested.column(leaf));
            }));
        }
    }

    @TearDown(Level.Iteration)
    public void checkLastScan() {
        ReferenceChecksum.check("the last measured scan", file, expected, last);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        oneThread.close();
    }
}
