package io.pqflux.bench;

import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.internal.codec.simd.LevelKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
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

/**
 * Suite 3, level decoding: 1M levels bit-packed at {@code bitWidth} bits unpacked to one byte each, by the scalar
 * kernel and by the Vector API kernel. Both outputs must equal the levels that were packed (checked in setup and
 * after every iteration). One op = 1M levels.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LevelDecodingBenchmark {

    static final int LEVELS = 1 << 20;

    @Param({"1", "2", "3", "4", "5", "6", "7", "8"})
    public int bitWidth;

    private final LevelKernels scalar = Kernels.scalar();
    private final LevelKernels vector = Kernels.vector();
    private Arena arena;
    private MemorySegment packed;
    private MemorySegment expected;
    private MemorySegment output;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        SplittableRandom random = new SplittableRandom(bitWidth);
        expected = arena.allocate(LEVELS);
        // packed LSB first in groups of 8, as in the bit-packed runs of the RLE/bit-packed hybrid
        packed = arena.allocate((long) LEVELS / 8 * bitWidth + 64);
        long bit = 0;
        for (int i = 0; i < LEVELS; i++, bit += bitWidth) {
            int level = random.nextInt(1 << bitWidth);
            expected.set(ValueLayout.JAVA_BYTE, i, (byte) level);
            for (int b = 0; b < bitWidth; b++) {
                if ((level >>> b & 1) != 0) {
                    long at = (bit + b) >>> 3;
                    packed.set(ValueLayout.JAVA_BYTE, at, (byte) (packed.get(ValueLayout.JAVA_BYTE, at) | 1 << ((bit + b) & 7)));
                }
            }
        }
        output = arena.allocate(LEVELS);
        scalar();
        checkOutput("scalar");
        vector();
        checkOutput("vector");
    }

    @Benchmark
    public byte scalar() {
        scalar.unpackBytes(packed, 0, bitWidth, LEVELS / 8, output, 0);
        return output.get(ValueLayout.JAVA_BYTE, LEVELS - 1);
    }

    @Benchmark
    public byte vector() {
        vector.unpackBytes(packed, 0, bitWidth, LEVELS / 8, output, 0);
        return output.get(ValueLayout.JAVA_BYTE, LEVELS - 1);
    }

    @TearDown(Level.Iteration)
    public void checkLastOutput() {
        checkOutput("the last measured kernel");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    private void checkOutput(String kernel) {
        long mismatch = output.mismatch(expected);
        if (mismatch >= 0) {
            throw new IllegalStateException(kernel + " unpacked level " + mismatch + " at bit width " + bitWidth + " as "
                    + output.get(ValueLayout.JAVA_BYTE, mismatch) + ", packed was " + expected.get(ValueLayout.JAVA_BYTE, mismatch));
        }
        output.fill((byte) -1);
    }
}
