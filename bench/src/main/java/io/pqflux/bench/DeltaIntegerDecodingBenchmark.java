package io.pqflux.bench;

import io.pqflux.internal.codec.encoding.DeltaBinaryPackedDecoder;
import io.pqflux.internal.codec.simd.Kernels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesReader;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
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
 * DELTA_BINARY_PACKED INT64 decoding, the encoding of a Tempo block's timestamps and durations: one page of
 * {@value #VALUES} values written by parquet-java's {@code DeltaBinaryPackingValuesWriterForLong}, decoded by pqflux's
 * decoder (into native memory, as a column vector holds them) and by parquet-java's {@code
 * DeltaBinaryPackingValuesReader} (into a {@code long[]}). {@code startTimes}: span start times of traces spread over
 * an hour, rows in trace order, so deltas take about 43 bits; {@code durations}: span durations from a microsecond to
 * two seconds, deltas within 32 bits. Each reads every value ({@code pqflux}, {@code parquetJava}) or one value in
 * {@value #STRIDE}, skipping the rest ({@code pqfluxSkipping}, {@code parquetJavaSkipping}), as a search's second
 * pass reads the rows of the matching traces out of its pages. One op = one page.
 *
 * <p>Checksum gate: the values decoded last by each operation must equal the values written, in setup and after every
 * iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class DeltaIntegerDecodingBenchmark {

    static final int VALUES = 20_000;
    /** The skipping operations read value {@code STRIDE - 1} of every {@code STRIDE}. */
    static final int STRIDE = 16;
    private static final long HOUR_NANOS = 3_600_000_000_000L;

    @Param({"startTimes", "durations"})
    public String values;

    private Arena arena;
    /** The values written (package-private: the gate's test alters one to see it fail). */
    long[] written;
    private byte[] page;
    private MemorySegment source;
    /** What the last pqflux operation decoded, value by value or one in {@link #STRIDE}. */
    private MemorySegment decodedByPqflux;
    /** What the last parquet-java operation decoded. */
    private long[] decodedByParquetJava;
    /** The stride of the last operation of each since the last check (0: none ran). */
    private int pqfluxStride;
    private int parquetJavaStride;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SplittableRandom random = new SplittableRandom(values.hashCode());
        written = new long[VALUES];
        long traceStart = 0;
        for (int i = 0, spansLeft = 0; i < VALUES; i++, spansLeft--) {
            if (spansLeft == 0) {
                spansLeft = 1 + random.nextInt(30);
                traceStart = 1_700_000_000_000_000_000L + random.nextLong(HOUR_NANOS);
            }
            written[i] = switch (values) {
                case "startTimes" -> traceStart + random.nextLong(2_000_000_000L);
                case "durations" -> (long) Math.exp(random.nextDouble(Math.log(1_000), Math.log(2_000_000_000)));
                default -> throw new IllegalArgumentException("no such values: " + values);
            };
        }
        try (DeltaBinaryPackingValuesWriterForLong writer = new DeltaBinaryPackingValuesWriterForLong(128, 4, 64,
                1 << 22, HeapByteBufferAllocator.getInstance())) {
            for (long value : written) writer.writeLong(value);
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            writer.getBytes().writeAllTo(encoded);
            page = encoded.toByteArray();
        }
        arena = Arena.ofShared();
        source = arena.allocate(page.length);
        MemorySegment.copy(MemorySegment.ofArray(page), 0, source, 0, page.length);
        decodedByPqflux = arena.allocate(8L * VALUES);
        decodedByParquetJava = new long[VALUES];
        pqflux();
        parquetJava();
        check("the first decoders");
        pqfluxSkipping();
        parquetJavaSkipping();
        check("the first skipping decoders");
    }

    @Benchmark
    public long pqflux() {
        DeltaBinaryPackedDecoder decoder = DeltaBinaryPackedDecoder.forLongs(source, 0, page.length, Kernels.active());
        decoder.readLongs(VALUES, decodedByPqflux, 0);
        pqfluxStride = 1;
        return decodedByPqflux.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, VALUES - 1);
    }

    @Benchmark
    public long pqfluxSkipping() {
        DeltaBinaryPackedDecoder decoder = DeltaBinaryPackedDecoder.forLongs(source, 0, page.length, Kernels.active());
        for (int i = 0; i < VALUES / STRIDE; i++) {
            decoder.skip(STRIDE - 1);
            decoder.readLongs(1, decodedByPqflux, 8L * i);
        }
        pqfluxStride = STRIDE;
        return decodedByPqflux.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, VALUES / STRIDE - 1);
    }

    @Benchmark
    public long parquetJava() throws IOException {
        DeltaBinaryPackingValuesReader reader = new DeltaBinaryPackingValuesReader();
        reader.initFromPage(VALUES, ByteBufferInputStream.wrap(ByteBuffer.wrap(page)));
        for (int i = 0; i < VALUES; i++) decodedByParquetJava[i] = reader.readLong();
        parquetJavaStride = 1;
        return decodedByParquetJava[VALUES - 1];
    }

    @Benchmark
    public long parquetJavaSkipping() throws IOException {
        DeltaBinaryPackingValuesReader reader = new DeltaBinaryPackingValuesReader();
        reader.initFromPage(VALUES, ByteBufferInputStream.wrap(ByteBuffer.wrap(page)));
        for (int i = 0; i < VALUES / STRIDE; i++) {
            reader.skip(STRIDE - 1);
            decodedByParquetJava[i] = reader.readLong();
        }
        parquetJavaStride = STRIDE;
        return decodedByParquetJava[VALUES / STRIDE - 1];
    }

    @TearDown(Level.Iteration)
    public void checkLast() {
        check("the last measured decoder");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    private void check(String decoders) {
        if (pqfluxStride > 0) {
            for (int i = 0; i < VALUES / pqfluxStride; i++) {
                expect(decoders, "pqflux", i, pqfluxStride, decodedByPqflux.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i));
            }
            decodedByPqflux.fill((byte) 0);
        }
        if (parquetJavaStride > 0) {
            for (int i = 0; i < VALUES / parquetJavaStride; i++) expect(decoders, "parquet-java", i, parquetJavaStride, decodedByParquetJava[i]);
            Arrays.fill(decodedByParquetJava, 0);
        }
        pqfluxStride = parquetJavaStride = 0;
    }

    /** Fails unless {@code value}, decoded {@code i}-th reading one value in {@code stride}, is the one written. */
    private void expect(String decoders, String reader, int i, int stride, long value) {
        int index = i * stride + stride - 1;
        if (value != written[index]) {
            throw new IllegalStateException(decoders + ": " + reader + " decoded value " + index + " as " + value
                    + ", written " + written[index]);
        }
    }
}
