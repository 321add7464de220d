package io.pqflux.internal.codec.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.pqflux.error.CorruptFileException;
import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.testkit.codec.ParquetBytes;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridValuesWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RleBitPackedHybridDecoderTest {

    private static final int[] COUNTS = {0, 1, 7, 8, 9, 63, 1001, 5000};

    static java.util.stream.IntStream bitWidths() {
        return java.util.stream.IntStream.rangeClosed(0, 32);
    }

    @ParameterizedTest
    @MethodSource("bitWidths")
    void matchesParquetJavaForEveryBitWidth(int bitWidth) throws Exception {
        Random random = new Random(1000 + bitWidth);
        for (int count : COUNTS) {
            for (int shape = 0; shape < 3; shape++) {
                int[] values = values(random, bitWidth, count, shape);
                byte[] encoded = encode(bitWidth, values);
                MemorySegment src = MemorySegment.ofArray(encoded);

                RleBitPackedHybridDecoder ints = new RleBitPackedHybridDecoder(src, 0, encoded.length, bitWidth, Kernels.active());
                assertThat(readIntsInChunks(ints, count, random)).as("width %d count %d shape %d", bitWidth, count, shape)
                        .isEqualTo(values);
                if (bitWidth > 0 && count > 0) assertThat(ints.position()).isEqualTo(encoded.length);

                if (bitWidth <= 8) {
                    RleBitPackedHybridDecoder bytes = new RleBitPackedHybridDecoder(src, 0, encoded.length, bitWidth, Kernels.active());
                    assertThat(readBytesInChunks(bytes, count, random)).isEqualTo(values);
                }
            }
        }
    }

    /** Skips step over runs, inside bit-packed groups too; the values read after them are the right ones. */
    @ParameterizedTest
    @MethodSource("bitWidths")
    void skipsInterleavedWithReadsGiveTheValuesRead(int bitWidth) throws Exception {
        Random random = new Random(2000 + bitWidth);
        for (int count : new int[] {1, 9, 1001, 5000}) {
            int[] values = values(random, bitWidth, count, random.nextInt(3));
            byte[] encoded = encode(bitWidth, values);
            RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder(MemorySegment.ofArray(encoded), 0, encoded.length,
                    bitWidth, Kernels.active());
            int[] out = new int[count];
            boolean[] read = new boolean[count];
            for (int at = 0; at < count; ) {
                int n = Math.min(count - at, random.nextInt(90));
                if (random.nextBoolean()) {
                    decoder.skip(n);
                } else {
                    decoder.readInts(MemorySegment.ofArray(out), 4L * at, n);
                    Arrays.fill(read, at, at + n, true);
                }
                at += n;
            }
            int[] expected = values.clone();
            for (int i = 0; i < count; i++) if (!read[i]) expected[i] = 0;
            assertThat(out).as("width %d count %d", bitWidth, count).isEqualTo(expected);
            if (bitWidth > 0) assertThat(decoder.position()).isEqualTo(encoded.length);
        }
    }

    @Test
    void decodesAtAnOffsetWithinALargerSegment() throws Exception {
        int[] values = values(new Random(3), 5, 100, 2);
        byte[] encoded = encode(5, values);
        byte[] padded = new byte[encoded.length + 20];
        System.arraycopy(encoded, 0, padded, 7, encoded.length);
        Arrays.fill(padded, 7 + encoded.length, padded.length, (byte) 0xFF);
        RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder(MemorySegment.ofArray(padded), 7, 7 + encoded.length, 5, Kernels.active());
        assertThat(readIntsInChunks(decoder, 100, new Random(4))).isEqualTo(values);
        assertThat(decoder.position()).isEqualTo(encoded.length);
    }

    @Test
    void lengthPrefixedFormMatchesTheValuesWriter() throws Exception {
        Random random = new Random(5);
        for (int bitWidth = 1; bitWidth <= 8; bitWidth++) {
            int[] values = values(random, bitWidth, 777, 2);
            RunLengthBitPackingHybridValuesWriter writer =
                    new RunLengthBitPackingHybridValuesWriter(bitWidth, 64, 1 << 20, HeapByteBufferAllocator.getInstance());
            for (int value : values) writer.writeInteger(value);
            byte[] encoded = ParquetBytes.of(writer.getBytes());
            byte[] withTail = Arrays.copyOf(encoded, encoded.length + 3);
            RleBitPackedHybridDecoder decoder =
                    RleBitPackedHybridDecoder.withLengthPrefix(MemorySegment.ofArray(withTail), 0, withTail.length, bitWidth, Kernels.active());
            assertThat(readBytesInChunks(decoder, values.length, random)).isEqualTo(values);
            assertThat(decoder.position()).isEqualTo(encoded.length);
        }
    }

    @Test
    void bitWidthPrefixedFormReadsDictionaryIds() throws Exception {
        int[] values = values(new Random(6), 11, 3000, 2);
        byte[] encoded = encode(11, values);
        byte[] prefixed = new byte[encoded.length + 1];
        prefixed[0] = 11;
        System.arraycopy(encoded, 0, prefixed, 1, encoded.length);
        RleBitPackedHybridDecoder decoder =
                RleBitPackedHybridDecoder.withBitWidthPrefix(MemorySegment.ofArray(prefixed), 0, prefixed.length, Kernels.active());
        assertThat(readIntsInChunks(decoder, values.length, new Random(7))).isEqualTo(values);
        assertThat(decoder.position()).isEqualTo(prefixed.length);
    }

    @Test
    void bitWidthZeroYieldsZerosWithoutReading() {
        RleBitPackedHybridDecoder decoder =
                RleBitPackedHybridDecoder.withBitWidthPrefix(MemorySegment.ofArray(new byte[] {0}), 0, 1, Kernels.active());
        int[] ids = new int[50];
        Arrays.fill(ids, -1);
        decoder.readInts(MemorySegment.ofArray(ids), 0, 50);
        assertThat(ids).containsOnly(0);
    }

    @Test
    void finalBitPackedRunMayLackItsPadding() {
        // one group of 8 values at width 3 would take 3 bytes; the writer trimmed it to the 5 values' 2 bytes
        byte[] trimmed = {0b11, (byte) 0b1000_1000, (byte) 0b0000_0110};
        int[] expected = {0, 1, 2, 3, 0};
        RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder(MemorySegment.ofArray(trimmed), 0, 3, 3, Kernels.active());
        int[] out = new int[5];
        decoder.readInts(MemorySegment.ofArray(out), 0, 5);
        assertThat(out).isEqualTo(expected);
        assertThatThrownBy(() -> decoder.readInts(MemorySegment.ofArray(out), 0, 1))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("run at offset 1 needs 3 bytes but only 2 remain");
    }

    @Test
    void truncationAtEveryLengthFailsTypedOrDecodesCorrectly() throws Exception {
        Random random = new Random(8);
        for (int bitWidth : new int[] {1, 3, 8, 13, 32}) {
            int[] values = values(random, bitWidth, 150, 2);
            byte[] encoded = encode(bitWidth, values);
            for (int length = 0; length < encoded.length; length++) {
                MemorySegment src = MemorySegment.ofArray(Arrays.copyOf(encoded, length));
                int[] out = new int[values.length];
                try {
                    new RleBitPackedHybridDecoder(src, 0, length, bitWidth, Kernels.active()).readInts(MemorySegment.ofArray(out), 0, out.length);
                    assertThat(out).as("width %d truncated to %d decoded", bitWidth, length).isEqualTo(values);
                } catch (CorruptFileException expected) {
                    assertThat(expected.getMessage()).startsWith("RLE/bit-packed");
                } catch (RuntimeException e) {
                    fail("width %d truncated to %d threw %s", bitWidth, length, e);
                }
            }
        }
    }

    @Test
    void randomGarbageNeverEscapesAsAnotherException() {
        Random random = new Random(9);
        for (int round = 0; round < 2000; round++) {
            byte[] garbage = new byte[random.nextInt(40)];
            random.nextBytes(garbage);
            int bitWidth = random.nextInt(33);
            int[] out = new int[random.nextInt(300)];
            try {
                new RleBitPackedHybridDecoder(MemorySegment.ofArray(garbage), 0, garbage.length, bitWidth, Kernels.active())
                        .readInts(MemorySegment.ofArray(out), 0, out.length);
            } catch (CorruptFileException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("round %d threw %s", round, e);
            }
        }
    }

    @Test
    void hostileHeadersAreCorrupt() {
        assertCorrupt(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01}, 4, "exceeds 32 bits");
        assertCorrupt(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10}, 4, "exceeds 32 bits");
        assertCorrupt(new byte[] {(byte) 0x80}, 4, "run header at offset 0 is truncated at offset 1");
        assertCorrupt(new byte[] {0x04, 0x20}, 4, "run value 32 at offset 1 does not fit bit width 4");
        assertCorrupt(new byte[] {0x04, 0x01}, 9, "run value needs 2 bytes at offset 1 but only 1 remain");
        // a thousand empty RLE runs (header and value byte), a thousand empty bit-packed runs, then nothing:
        // must end, not spin
        byte[] empties = new byte[3000];
        Arrays.fill(empties, 2000, 3000, (byte) 0x01);
        assertCorrupt(empties, 4, "input ends at offset 3000 but 10 more values were requested");
        assertCorrupt(new byte[] {0x7f, 0x00}, 8, "run at offset 1 needs 10 bytes but only 1 remain");
    }

    @Test
    void hostilePrefixesAreCorrupt() {
        MemorySegment tooLong = MemorySegment.ofArray(new byte[] {10, 0, 0, 0, 1, 2});
        assertThatThrownBy(() -> RleBitPackedHybridDecoder.withLengthPrefix(tooLong, 0, 6, 1, Kernels.active()))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("length prefix 10 at offset 0 exceeds the 2 bytes");
        MemorySegment negative = MemorySegment.ofArray(new byte[] {-1, -1, -1, -1});
        assertThatThrownBy(() -> RleBitPackedHybridDecoder.withLengthPrefix(negative, 0, 4, 1, Kernels.active()))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("4294967295");
        assertThatThrownBy(() -> RleBitPackedHybridDecoder.withLengthPrefix(MemorySegment.ofArray(new byte[3]), 0, 3, 1, Kernels.active()))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("needs 4 bytes at offset 0 but only 3 remain");
        assertThatThrownBy(() -> RleBitPackedHybridDecoder.withBitWidthPrefix(MemorySegment.ofArray(new byte[] {33}), 0, 1, Kernels.active()))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining("bit width 33 at offset 0 exceeds 32");
        assertThatThrownBy(() -> RleBitPackedHybridDecoder.withBitWidthPrefix(MemorySegment.ofArray(new byte[0]), 0, 0, Kernels.active()))
                .isExactlyInstanceOf(CorruptFileException.class);
    }

    private static void assertCorrupt(byte[] bytes, int bitWidth, String message) {
        int[] out = new int[10];
        RleBitPackedHybridDecoder decoder = new RleBitPackedHybridDecoder(MemorySegment.ofArray(bytes), 0, bytes.length, bitWidth, Kernels.active());
        assertThatThrownBy(() -> decoder.readInts(MemorySegment.ofArray(out), 0, out.length))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining(message);
    }

    /** shape 0: random values; 1: long runs; 2: a mix of runs and random stretches. */
    static int[] values(Random random, int bitWidth, int count, int shape) {
        long mask = (1L << bitWidth) - 1;
        int[] values = new int[count];
        int i = 0;
        while (i < count) {
            boolean run = shape == 1 || (shape == 2 && random.nextBoolean());
            int length = Math.min(count - i, run ? 1 + random.nextInt(200) : 1 + random.nextInt(40));
            int repeated = (int) (random.nextLong() & mask);
            for (int j = 0; j < length; j++, i++) values[i] = run ? repeated : (int) (random.nextLong() & mask);
        }
        return values;
    }

    static byte[] encode(int bitWidth, int[] values) throws Exception {
        try (RunLengthBitPackingHybridEncoder encoder =
                new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20, HeapByteBufferAllocator.getInstance())) {
            for (int value : values) encoder.writeInt(value);
            return ParquetBytes.of(encoder.toBytes());
        }
    }

    private static int[] readIntsInChunks(RleBitPackedHybridDecoder decoder, int count, Random random) {
        int[] out = new int[count];
        MemorySegment dst = MemorySegment.ofArray(out);
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, random.nextInt(70));
            decoder.readInts(dst, 4L * done, n);
            done += n;
        }
        return out;
    }

    private static int[] readBytesInChunks(RleBitPackedHybridDecoder decoder, int count, Random random) {
        byte[] out = new byte[count];
        MemorySegment dst = MemorySegment.ofArray(out);
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, random.nextInt(70));
            decoder.readBytes(dst, done, n);
            done += n;
        }
        int[] widened = new int[count];
        for (int i = 0; i < count; i++) widened[i] = out[i] & 0xFF;
        return widened;
    }
}
