package io.pqflux.internal.codec.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.internal.codec.simd.LevelKernels;
import io.pqflux.internal.codec.simd.WideVectors;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder on each kernel set, explicitly chosen, against parquet-java's encoder: mostly bit-packed
 * input, read in chunks that split groups and span several runs, the input ending exactly at its last byte
 * and starting at an odd offset, held on the heap or off it (a native segment of exactly the input's
 * length). The vector cases are skipped on hardware without 256-bit vectors.
 */
class RleBitPackedHybridDecoderKernelsTest {

    /** Both kernel sets, or only the one named by {@code -Dpqflux.test.kernels} (the forked 256-bit run takes "vector"). */
    static Stream<Arguments> kernelsAndWidths() {
        String only = System.getProperty("pqflux.test.kernels");
        return Stream.of("scalar", "vector").filter(k -> only == null || only.equals(k)).flatMap(k -> Stream.of("heap", "native")
                .flatMap(m -> IntStream.rangeClosed(1, 32).mapToObj(w -> Arguments.of(k, m, w))));
    }

    private static LevelKernels kernels(String name) {
        if (!name.equals("vector")) return Kernels.scalar();
        WideVectors.assumePresent();
        return Kernels.vector();
    }

    @ParameterizedTest
    @MethodSource("kernelsAndWidths")
    void decodesParquetJavaOutput(String kernelsName, String memory, int bitWidth) throws Exception {
        LevelKernels kernels = kernels(kernelsName);
        Random random = new Random(31L * bitWidth + kernelsName.length() + memory.length());
        try (Arena arena = Arena.ofConfined()) {
            for (int count : new int[] {8, 9, 64, 505, 3001, 20_000}) {
                for (int shape : new int[] {0, 2}) {
                    decode(random, kernels, kernelsName, memory.equals("native") ? arena : null, bitWidth, count, shape);
                }
            }
        }
    }

    /** One encoded run of {@code count} values decoded as ints and (widths up to 8) bytes; {@code arena} null for heap segments. */
    private static void decode(Random random, LevelKernels kernels, String kernelsName, Arena arena, int bitWidth, int count, int shape)
            throws Exception {
        int[] values = RleBitPackedHybridDecoderTest.values(random, bitWidth, count, shape);
        byte[] encoded = RleBitPackedHybridDecoderTest.encode(bitWidth, values);
        int start = 1 + random.nextInt(7);
        byte[] shifted = new byte[start + encoded.length];
        System.arraycopy(encoded, 0, shifted, start, encoded.length);
        MemorySegment src = arena == null ? MemorySegment.ofArray(shifted)
                : arena.allocate(shifted.length, 1).copyFrom(MemorySegment.ofArray(shifted));

        MemorySegment ints = arena == null ? MemorySegment.ofArray(new int[count]) : arena.allocate(4L * count, 4);
        RleBitPackedHybridDecoder intDecoder = new RleBitPackedHybridDecoder(src, start, shifted.length, bitWidth).using(kernels);
        read(random, count, (at, n) -> intDecoder.readInts(ints, 4L * at, n));
        assertThat(ints.toArray(ValueLayout.JAVA_INT)).as("%s ints, width %d, count %d, shape %d", kernelsName, bitWidth, count, shape)
                .isEqualTo(values);

        if (bitWidth <= 8) {
            MemorySegment bytes = arena == null ? MemorySegment.ofArray(new byte[count + 3]) : arena.allocate(count + 3L, 1);
            RleBitPackedHybridDecoder byteDecoder = new RleBitPackedHybridDecoder(src, start, shifted.length, bitWidth).using(kernels);
            read(random, count, (at, n) -> byteDecoder.readBytes(bytes, 3L + at, n));
            for (int i = 0; i < count; i++) {
                assertThat(bytes.get(ValueLayout.JAVA_BYTE, 3L + i) & 0xFF).as("%s bytes, width %d, value %d", kernelsName, bitWidth, i)
                        .isEqualTo(values[i]);
            }
        }
    }

    private interface Chunk {
        void read(int at, int n);
    }

    /** Chunks of 0 to 1200 values, so reads start and end inside groups and cover whole runs. */
    private static void read(Random random, int count, Chunk chunk) {
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, random.nextInt(1200));
            chunk.read(done, n);
            done += n;
        }
    }
}
