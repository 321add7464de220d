package io.pqflux.internal.decode.levels;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.internal.codec.simd.LevelKernels;
import io.pqflux.testkit.codec.ParquetBytes;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.bitpacking.BitPackingValuesWriter;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridValuesWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both level decoders, at several level widths, on random levels at odd sizes: {@code read(a) + skip(b) + read(c)}
 * gives the slices of {@code read(a + b + c)}, and the skip counts the levels at the maximum it passed.
 */
class LevelDecoderSkipTest {

    private static final LevelKernels KERNELS = Kernels.active();

    @ParameterizedTest(name = "max level {0}")
    @ValueSource(ints = {1, 2, 3, 4, 7, 100, 255})
    void readSkipReadGivesTheSlicesOfOneRead(int maxLevel) throws Exception {
        Random random = new Random(maxLevel);
        for (int count : new int[] {1, 8, 9, 1001, 9999}) {
            int[] levels = levels(random, count, maxLevel);
            byte[] hybrid = encode(new RunLengthBitPackingHybridValuesWriter(bitWidth(maxLevel), 64, 1 << 20, allocator()), levels);
            // parquet-java packs legacy BIT_PACKED levels for widths up to 7 bits only
            boolean legacy = maxLevel < 128;
            byte[] bitPacked = legacy ? encode(new BitPackingValuesWriter(maxLevel, 64, 1 << 20, allocator()), levels) : null;
            for (int trial = 0; trial < 30; trial++) {
                int a = random.nextInt(count + 1);
                int b = random.nextInt(count - a + 1);
                int c = random.nextInt(count - a - b + 1);
                if (trial % 3 == 0) {
                    // odd sizes inside bit-packed groups
                    a = Math.min(count, 2 * random.nextInt(8) + 1);
                    b = Math.min(count - a, 2 * random.nextInt(20) + 1);
                    c = count - a - b;
                }
                int atMaximum = (int) Arrays.stream(levels, a, a + b).filter(l -> l == maxLevel).count();
                check(HybridLevels.withLengthPrefix(MemorySegment.ofArray(hybrid), 0, hybrid.length, maxLevel, KERNELS),
                        levels, a, b, c, atMaximum);
                if (legacy) {
                    check(new BitPackedLevels(MemorySegment.ofArray(bitPacked), 0, bitPacked.length, maxLevel, count, KERNELS),
                            levels, a, b, c, atMaximum);
                }
            }
        }
    }

    private static void check(LevelDecoder decoder, int[] levels, int a, int b, int c, int atMaximum) {
        byte[] out = new byte[a + c];
        decoder.read(a, MemorySegment.ofArray(out), 0);
        assertThat(decoder.skip(b)).as("levels at the maximum among %d skipped after %d", b, a).isEqualTo(atMaximum);
        decoder.read(c, MemorySegment.ofArray(out), a);
        int[] expected = new int[a + c];
        System.arraycopy(levels, 0, expected, 0, a);
        System.arraycopy(levels, a + b, expected, a, c);
        assertThat(toInts(out)).as("%s read %d skip %d read %d", decoder.getClass().getSimpleName(), a, b, c).isEqualTo(expected);
    }

    private static int[] levels(Random random, int count, int maxLevel) {
        int[] levels = new int[count];
        // runs at the maximum (non-null stretches) and noise
        for (int i = 0; i < count; i++) levels[i] = i % 500 < 200 ? maxLevel : random.nextInt(maxLevel + 1);
        return levels;
    }

    private static byte[] encode(ValuesWriter writer, int[] levels) throws Exception {
        try (writer) {
            for (int level : levels) writer.writeInteger(level);
            return ParquetBytes.of(writer.getBytes());
        }
    }

    private static int[] toInts(byte[] bytes) {
        int[] ints = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) ints[i] = bytes[i] & 0xFF;
        return ints;
    }

    private static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }

    private static HeapByteBufferAllocator allocator() {
        return HeapByteBufferAllocator.getInstance();
    }
}
