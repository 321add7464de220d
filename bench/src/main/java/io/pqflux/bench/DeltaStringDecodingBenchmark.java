package io.pqflux.bench;

import io.pqflux.internal.codec.encoding.DeltaByteArrayDecoder;
import io.pqflux.internal.codec.simd.Kernels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.deltastrings.DeltaByteArrayReader;
import org.apache.parquet.column.values.deltastrings.DeltaByteArrayWriter;
import org.apache.parquet.io.api.Binary;
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
 * DELTA_BYTE_ARRAY decoding, the encoding of a Tempo block's string and ID columns: one page of {@value #VALUES}
 * values written by parquet-java's {@code DeltaByteArrayWriter}, decoded by pqflux's decoder (into native offsets and
 * bytes, as a column vector holds them) and by parquet-java's {@code DeltaByteArrayReader} (a {@code Binary} per
 * value, kept in an array, as its column readers take them). {@code names}: span-name-like values sharing prefixes with the one before;
 * {@code ids}: random 8-byte IDs sharing none. One op = one page.
 *
 * <p>Checksum gate: the values decoded last by each (pqflux's offsets and bytes, parquet-java's array) must equal the
 * values written, in setup and after every iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class DeltaStringDecodingBenchmark {

    static final int VALUES = 20_000;
    private static final String[] NAMES = {"GET /api/v1/users", "GET /api/v1/orders", "SELECT", "INSERT", "HTTP POST",
        "grpc.health.v1.Health/Check"};

    @Param({"names", "ids"})
    public String values;

    private Arena arena;
    private byte[][] written;
    private byte[] page;
    private MemorySegment source;
    private MemorySegment offsets;
    private MemorySegment data;
    /** parquet-java's values of the last page it decoded. */
    private Binary[] decoded;
    /** Whether pqflux or parquet-java decoded a page since the last check. */
    private boolean pqfluxRan;
    private boolean parquetJavaRan;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SplittableRandom random = new SplittableRandom(values.hashCode());
        written = new byte[VALUES][];
        DeltaByteArrayWriter writer = new DeltaByteArrayWriter(64, 1 << 22, HeapByteBufferAllocator.getInstance());
        long bytes = 0;
        for (int i = 0; i < VALUES; i++) {
            written[i] = switch (values) {
                case "names" -> (NAMES[random.nextInt(NAMES.length)] + "/" + random.nextInt(50)).getBytes(StandardCharsets.UTF_8);
                case "ids" -> {
                    byte[] id = new byte[8];
                    random.nextBytes(id);
                    yield id;
                }
                default -> throw new IllegalArgumentException("no such values: " + values);
            };
            writer.writeBytes(Binary.fromConstantByteArray(written[i]));
            bytes += written[i].length;
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        writer.getBytes().writeAllTo(encoded);
        writer.close();
        page = encoded.toByteArray();
        arena = Arena.ofShared();
        source = arena.allocate(page.length);
        MemorySegment.copy(MemorySegment.ofArray(page), 0, source, 0, page.length);
        offsets = arena.allocate(8L * (VALUES + 1));
        data = arena.allocate(bytes);
        decoded = new Binary[VALUES];
        pqflux();
        parquetJava();
        check("the first decoders");
    }

    @Benchmark
    public long pqflux() throws IOException {
        DeltaByteArrayDecoder decoder = DeltaByteArrayDecoder.open(source, 0, page.length, VALUES, MemorySegment.NULL, -1,
                Kernels.active());
        offsets.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 0);
        decoder.read(VALUES, offsets, 0, (required, used) -> data, 0);
        pqfluxRan = true;
        return offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, VALUES);
    }

    @Benchmark
    public long parquetJava() throws IOException {
        DeltaByteArrayReader reader = new DeltaByteArrayReader();
        reader.initFromPage(VALUES, ByteBufferInputStream.wrap(ByteBuffer.wrap(page)));
        long bytes = 0;
        for (int i = 0; i < VALUES; i++) {
            Binary value = reader.readBytes();
            decoded[i] = value;
            bytes += value.length();
        }
        parquetJavaRan = true;
        return bytes;
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
        if (parquetJavaRan) {
            for (int i = 0; i < VALUES; i++) {
                if (!Arrays.equals(decoded[i].getBytes(), written[i])) {
                    throw new IllegalStateException(decoders + ": parquet-java decoded value " + i + " as "
                            + Arrays.toString(decoded[i].getBytes()) + ", written " + Arrays.toString(written[i]));
                }
            }
            Arrays.fill(decoded, null);
        }
        if (pqfluxRan) checkPqflux(decoders);
        pqfluxRan = parquetJavaRan = false;
    }

    private void checkPqflux(String decoder) {
        long start = 0;
        for (int i = 0; i < VALUES; i++) {
            long end = offsets.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i + 1);
            byte[] value = data.asSlice(start, end - start).toArray(ValueLayout.JAVA_BYTE);
            if (!Arrays.equals(value, written[i])) {
                throw new IllegalStateException(decoder + ": pqflux decoded value " + i + " as "
                        + Arrays.toString(value) + ", written " + Arrays.toString(written[i]));
            }
            start = end;
        }
        offsets.fill((byte) 0);
        data.fill((byte) 0);
    }
}
