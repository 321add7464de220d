package io.pqflux.internal.codec.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.internal.codec.simd.LevelKernels;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder on each kernel set, explicitly chosen, against parquet-java's encoder: mostly bit-packed
 * input, read in chunks that split groups and span several runs, the input ending exactly at its last byte
 * and starting at an odd offset.
 */
class RleBitPackedHybridDecoderKernelsTest {

    static Stream<Arguments> kernelsAndWidths() {
        return Stream.of("scalar", "vector").flatMap(k -> IntStream.rangeClosed(1, 32).mapToObj(w -> Arguments.of(k, w)));
    }

    private static LevelKernels kernels(String name) {
        return name.equals("vector") ? Kernels.vector() : Kernels.scalar();
    }

    @ParameterizedTest
    @MethodSource("kernelsAndWidths")
    void decodesParquetJavaOutput(String kernelsName, int bitWidth) throws Exception {
        LevelKernels kernels = kernels(kernelsName);
        Random random = new Random(31L * bitWidth + kernelsName.length());
        for (int count : new int[] {8, 9, 64, 505, 3001, 20_000}) {
            for (int shape : new int[] {0, 2}) {
                int[] values = RleBitPackedHybridDecoderTest.values(random, bitWidth, count, shape);
                byte[] encoded = RleBitPackedHybridDecoderTest.encode(bitWidth, values);
                int start = 1 + random.nextInt(7);
                byte[] shifted = new byte[start + encoded.length];
                System.arraycopy(encoded, 0, shifted, start, encoded.length);
                MemorySegment src = MemorySegment.ofArray(shifted);

                int[] ints = new int[count];
                RleBitPackedHybridDecoder intDecoder = new RleBitPackedHybridDecoder(src, start, shifted.length, bitWidth, kernels);
                read(random, count, (at, n) -> intDecoder.readInts(MemorySegment.ofArray(ints), 4L * at, n));
                assertThat(ints).as("%s ints, width %d, count %d, shape %d", kernelsName, bitWidth, count, shape).isEqualTo(values);

                if (bitWidth <= 8) {
                    byte[] bytes = new byte[count + 3];
                    RleBitPackedHybridDecoder byteDecoder = new RleBitPackedHybridDecoder(src, start, shifted.length, bitWidth, kernels);
                    read(random, count, (at, n) -> byteDecoder.readBytes(MemorySegment.ofArray(bytes), 3L + at, n));
                    for (int i = 0; i < count; i++) {
                        assertThat(bytes[3 + i] & 0xFF).as("%s bytes, width %d, value %d", kernelsName, bitWidth, i).isEqualTo(values[i]);
                    }
                }
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
