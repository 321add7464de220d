package io.pqflux.bench;

import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.bench.data.TempoBlockFile;
import io.pqflux.bench.tempo.TraceChecksum;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reader.OffHeapMemory;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceForm;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.golden.GoldenTrace;
import io.pqflux.tempo.golden.ParquetJavaGolden;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code Flux<Trace>}: a generated ~100 MB released-layout vParquet4 block ({@link TempoBlockFile}) read whole, every
 * column, every trace assembled into OTLP messages. {@code parquetJava} is the baseline: tempo's test oracle
 * {@link ParquetJavaGolden} (parquet-java's example {@code Group} records mapped to the same OTLP messages by separate
 * code), streaming, on the benchmark thread. {@code pqflux} is {@link TempoBlock#traces} with the pipeline's I/O and
 * decode schedulers on one single thread and one slice in flight, traces folded where they are delivered (that
 * thread): one core. {@code decodeOnly} is that variant's decoding alone (batches of every column, no assembly).
 * {@code pqfluxAllCores} uses the default schedulers with slices in flight = processors, the traces
 * folded on as many rails of the parallel scheduler. The {@code …Encoded} variants produce each trace's OTLP as protobuf
 * bytes: {@code parquetJavaEncoded} the oracle's objects serialized by protobuf-java ({@code toByteArray}), the pqflux
 * ones {@link TraceForm#ENCODED} (written from the columns, no message objects). One operation is one whole scan;
 * traces/s and spans/s are the scan rate times the {@code traces}/{@code spans} counters.
 *
 * <p>Checksum gate: every scan folds each trace's ID, trace-level columns, span count and serialized OTLP size
 * ({@link TraceChecksum}); the trial's setup computes parquet-java's checksum and requires the variant's to equal it,
 * and in the pqflux trials also requires every 100th trace to equal parquet-java's exactly ({@code TracesData} but
 * for the sign of zero doubles, see {@link #withoutSignedZeros}; trace-level columns; service stats), and in the encoded
 * trials every 100th trace's bytes to equal protobuf-java's serialization of the objects pqflux reads; every
 * iteration's last scan is checked again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class TempoScanBenchmark {

    private static final int SAMPLE_EVERY = 100;

    private Path data;
    private TempoBlock block;
    private List<String> resourceSlots;
    private List<String> spanSlots;
    private TraceChecksum expected;
    private Scheduler oneThread;
    private TraceReadOptions oneCore;
    private TraceReadOptions allCores;
    private int cores;
    private TraceChecksum last;
    /** The last decode-only scan's rows; -1 in the other variants. */
    private long lastRows = -1;

    /** Traces and spans of the iteration's last scan (the same every scan). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public double traces;
        public double spans;
        /** Most off-heap bytes held at once during the scan (decoded vectors, buffers), in MiB; the pqflux variants. */
        public double peakOffHeapMiB;
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        Path directory = TempoBlockFile.get(TempoBlockFile.DEFAULT_BYTES);
        data = directory.resolve("data.parquet");
        block = TempoBlock.open(directory);
        resourceSlots = block.meta().dedicatedSlots(DedicatedColumn.Scope.RESOURCE);
        spanSlots = block.meta().dedicatedSlots(DedicatedColumn.Scope.SPAN);
        cores = Runtime.getRuntime().availableProcessors();
        oneThread = Schedulers.newSingle("tempo-one-thread");
        oneCore = TraceReadOptions.defaults().withScanOptions(ScanOptions.defaults()
                .withBatchRows(TraceReadOptions.DEFAULT_BATCH_ROWS)
                .withIoScheduler(oneThread).withDecodeScheduler(oneThread).withSlicesInFlight(1));
        allCores = TraceReadOptions.defaults().withScanOptions(ScanOptions.defaults()
                .withBatchRows(TraceReadOptions.DEFAULT_BATCH_ROWS).withSlicesInFlight(cores));

        Map<String, GoldenTrace> sample = new LinkedHashMap<>();
        AtomicLong row = new AtomicLong();
        expected = new TraceChecksum();
        ParquetJavaGolden.forEach(data, resourceSlots, spanSlots, trace -> {
            expected.add(trace);
            if (row.getAndIncrement() % SAMPLE_EVERY == 0) sample.put(HexFormat.of().formatHex(trace.traceId()), trace);
        });
        System.out.printf("%n%s: %s (parquet-java)%n", data, expected);
        last = expected;
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        switch (method) {
            case "parquetJava" -> check("parquet-java (again)", parquetJava(new Counts()));
            case "pqflux" -> {
                checkSample("pqflux (one thread)", oneCore, sample);
                check("pqflux (one thread)", pqflux(new Counts()));
            }
            case "decodeOnly" -> checkRows(decodeOnly(new Counts()));
            case "pqfluxAllCores" -> {
                checkSample("pqflux (all cores)", allCores, sample);
                check("pqflux (all cores)", pqfluxAllCores(new Counts()));
            }
            case "parquetJavaEncoded" -> check("parquet-java encoded", parquetJavaEncoded(new Counts()));
            case "pqfluxEncoded" -> {
                checkEncodedSample("pqflux encoded (one thread)", oneCore, sample);
                check("pqflux encoded (one thread)", pqfluxEncoded(new Counts()));
            }
            case "pqfluxEncodedAllCores" -> {
                checkEncodedSample("pqflux encoded (all cores)", allCores, sample);
                check("pqflux encoded (all cores)", pqfluxEncodedAllCores(new Counts()));
            }
            default -> throw new IllegalStateException("no checksum check for benchmark " + method);
        }
    }

    @Benchmark
    public TraceChecksum parquetJava(Counts counts) {
        TraceChecksum checksum = new TraceChecksum();
        ParquetJavaGolden.forEach(data, resourceSlots, spanSlots, checksum::add);
        return record(counts, checksum);
    }

    /** The oracle's traces, each serialized by protobuf-java: the object path's cost of producing OTLP bytes. */
    @Benchmark
    public TraceChecksum parquetJavaEncoded(Counts counts) {
        TraceChecksum checksum = new TraceChecksum();
        ParquetJavaGolden.forEach(data, resourceSlots, spanSlots, trace -> checksum.add(trace, trace.otlp().toByteArray()));
        return record(counts, checksum);
    }

    @Benchmark
    public TraceChecksum pqfluxEncoded(Counts counts) {
        return recordWithPeak(counts, () -> block.traces(oneCore.withForm(TraceForm.ENCODED))
                .reduce(new TraceChecksum(), TraceChecksum::add).block());
    }

    @Benchmark
    public TraceChecksum pqfluxEncodedAllCores(Counts counts) {
        return recordWithPeak(counts, () -> block.traces(allCores.withForm(TraceForm.ENCODED))
                .parallel(cores, 1).runOn(Schedulers.parallel(), 1)
                .reduce(TraceChecksum::new, TraceChecksum::add)
                .sequential().reduce(TraceChecksum::merge).block());
    }

    @Benchmark
    public TraceChecksum pqflux(Counts counts) {
        return recordWithPeak(counts, () -> block.traces(oneCore).reduce(new TraceChecksum(), TraceChecksum::add).block());
    }

    /**
     * The pqflux variant's decoding alone: the same projection (every column), pipeline and one thread, each batch
     * decoded into vectors and closed, no trace assembled. Assembly costs what {@code pqflux} takes beyond this; the
     * gate is the row count (every trace's row decoded once).
     */
    @Benchmark
    public long decodeOnly(Counts counts) {
        long rows = ParquetFlux.batches(data, oneCore.scanOptions())
                .reduce(0L, (sum, batch) -> {
                    try (batch) {
                        return sum + batch.batch().rowCount();
                    }
                }).block();
        counts.traces = rows;
        counts.spans = expected.spans();
        return lastRows = rows;
    }

    @Benchmark
    public TraceChecksum pqfluxAllCores(Counts counts) {
        return recordWithPeak(counts, () -> block.traces(allCores)
                .parallel(cores, 1).runOn(Schedulers.parallel(), 1)
                .reduce(TraceChecksum::new, TraceChecksum::add)
                .sequential().reduce(TraceChecksum::merge).block());
    }

    /** Runs a pqflux scan and records its counts and the most off-heap memory held at once while it ran. */
    private TraceChecksum recordWithPeak(Counts counts, Supplier<TraceChecksum> scan) {
        OffHeapMemory.resetPeakBytes();
        TraceChecksum checksum = scan.get();
        counts.peakOffHeapMiB = OffHeapMemory.peakBytes() / (double) (1 << 20);
        return record(counts, checksum);
    }

    private void checkRows(long rows) {
        if (rows != expected.traces()) {
            throw new IllegalStateException("decoding " + data + " gave " + rows + " rows but parquet-java read "
                    + expected.traces() + " traces");
        }
    }

    private TraceChecksum record(Counts counts, TraceChecksum checksum) {
        counts.traces = checksum.traces();
        counts.spans = checksum.spans();
        return last = checksum;
    }

    private void check(String reader, TraceChecksum actual) {
        if (!actual.sameAs(expected)) {
            throw new IllegalStateException(reader + " read " + data + " with " + actual + " but parquet-java with "
                    + expected + ": the reads disagree on some trace");
        }
    }

    /** The sampled traces, read by the variant, equal parquet-java's exactly. */
    private void checkSample(String reader, TraceReadOptions options, Map<String, GoldenTrace> sample) {
        List<Trace> read = block.traces(options).filter(t -> sample.containsKey(t.traceIdHex())).collectList().block();
        if (read.size() != sample.size()) {
            throw new IllegalStateException(reader + " found " + read.size() + " of the " + sample.size() + " sampled traces");
        }
        for (Trace trace : read) {
            GoldenTrace golden = sample.get(trace.traceIdHex());
            TracesData otlp = trace.toTracesData();
            Map<String, List<Long>> stats = new LinkedHashMap<>();
            trace.serviceStats().forEach((k, v) -> stats.put(k, List.of(v.spanCount(), v.errorCount())));
            Map<String, List<Long>> goldenStats = new LinkedHashMap<>();
            golden.serviceStats().forEach((k, v) -> goldenStats.put(k, List.of(v[0], v[1])));
            boolean same = withoutSignedZeros(otlp).equals(withoutSignedZeros(golden.otlp())) && stats.equals(goldenStats)
                    && trace.startTimeUnixNano() == golden.startTimeUnixNano()
                    && trace.endTimeUnixNano() == golden.endTimeUnixNano() && trace.durationNano() == golden.durationNano()
                    && trace.rootServiceName().equals(golden.rootServiceName())
                    && trace.rootSpanName().equals(golden.rootSpanName());
            if (!same) {
                throw new IllegalStateException(reader + ": trace " + trace.traceIdHex() + " differs from parquet-java's");
            }
        }
        System.out.printf("%s: %d sampled traces equal parquet-java's%n", reader, read.size());
    }

    /**
     * The sampled traces read encoded: their objects equal parquet-java's ({@link #checkSample}), and their bytes are
     * protobuf-java's serialization of the objects pqflux reads.
     */
    private void checkEncodedSample(String reader, TraceReadOptions options, Map<String, GoldenTrace> sample) {
        checkSample(reader, options.withForm(TraceForm.ENCODED), sample);
        Map<String, Trace> objects = new LinkedHashMap<>();
        block.traces(options).filter(t -> sample.containsKey(t.traceIdHex())).toIterable()
                .forEach(t -> objects.put(t.traceIdHex(), t));
        for (Trace encoded : block.traces(options.withForm(TraceForm.ENCODED))
                .filter(t -> sample.containsKey(t.traceIdHex())).toIterable()) {
            if (!encoded.tracesData().equals(ByteBuffer.wrap(objects.get(encoded.traceIdHex()).toTracesData().toByteArray()))) {
                throw new IllegalStateException(reader + ": trace " + encoded.traceIdHex()
                        + "'s bytes differ from protobuf-java's serialization of its objects");
            }
        }
        System.out.printf("%s: %d sampled traces byte for byte protobuf-java's%n", reader, objects.size());
    }

    /**
     * The message as text with {@code -0.0} doubles written as {@code 0.0}: the oracle parses {@code ValueUnsupported}'s
     * protobuf-JSON (kvlists, nested arrays) with protobuf-java-util's {@code JsonFormat}, which reads doubles through
     * {@code BigDecimal} and so turns {@code -0.0} into {@code 0.0}; pqflux keeps the sign, as Tempo's Go parser does.
     * (The serialized sizes in the checksum are equal either way.)
     */
    private static String withoutSignedZeros(TracesData otlp) {
        return otlp.toString().replace("double_value: -0.0\n", "double_value: 0.0\n");
    }

    /** Every measured scan must have read what parquet-java reads. */
    @TearDown(Level.Iteration)
    public void checkLastScan() {
        check("the last measured scan", last);
        if (lastRows >= 0) checkRows(lastRows);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        oneThread.dispose();
    }
}
