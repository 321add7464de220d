package io.pqflux.internal.codec.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.pqflux.error.CorruptFileException;
import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.testkit.codec.ParquetBytes;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForInteger;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeltaBinaryPackedDecoderTest {
    private static final int[] COUNTS = {0, 1, 2, 31, 32, 33, 127, 128, 129, 130, 1000, 4097};
    /** block size, miniblocks: parquet-java's default and other legal geometries. */
    private static final int[][] GEOMETRIES = {{128, 4}, {128, 1}, {256, 8}, {512, 16}, {256, 2}};
    private static final int SHAPES = 7;

    @ParameterizedTest(name = "int64: {0}")
    @ValueSource(booleans = {false, true})
    void matchesParquetJava(boolean int64) throws Exception {
        Random random = new Random(int64 ? 2 : 1);
        for (int[] geometry : GEOMETRIES) {
            for (int count : COUNTS) {
                for (int shape = 0; shape < SHAPES; shape++) {
                    String what = String.format("geometry %s count %d shape %d", Arrays.toString(geometry), count, shape);
                    if (int64) {
                        long[] values = longs(random, count, shape);
                        try (DeltaBinaryPackingValuesWriterForLong writer = new DeltaBinaryPackingValuesWriterForLong(
                                geometry[0], geometry[1], 64, 1 << 20, HeapByteBufferAllocator.getInstance())) {
                            for (long v : values) writer.writeLong(v);
                            assertThat(decodeLongs(ParquetBytes.of(writer.getBytes()), count, random)).as(what).isEqualTo(values);
                        }
                    } else {
                        int[] values = ints(random, count, shape);
                        try (DeltaBinaryPackingValuesWriterForInteger writer = new DeltaBinaryPackingValuesWriterForInteger(
                                geometry[0], geometry[1], 64, 1 << 20, HeapByteBufferAllocator.getInstance())) {
                            for (int v : values) writer.writeInteger(v);
                            assertThat(decodeInts(ParquetBytes.of(writer.getBytes()), count, random)).as(what).isEqualTo(values);
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyMiniblockWidthUpTo64WithNoisyPaddingAndUnusedWidths() {
        Random random = new Random(3);
        for (int width = 0; width <= 64; width++) {
            int forced = width;
            IntUnaryOperator widen = minimal -> Math.max(minimal, forced);
            for (int count : new int[] {1, 2, 100, 129, 700}) {
                long[] values = longs(random, count, random.nextInt(SHAPES));
                byte[] encoded = DeltaStreams.encode(values, 256, 4, 64, widen, random);
                assertThat(decodeLongs(encoded, count, random)).as("width %d count %d", width, count).isEqualTo(values);
                if (width <= 32) {
                    long[] narrowed = Arrays.stream(ints(random, count, random.nextInt(SHAPES))).asLongStream().toArray();
                    byte[] ints = DeltaStreams.encode(narrowed, 128, 4, 32, widen, random);
                    assertThat(decodeInts(ints, count, random)).as("int width %d count %d", width, count)
                            .isEqualTo(Arrays.stream(narrowed).mapToInt(v -> (int) v).toArray());
                }
            }
        }
    }

    /** Skipped values still carry their deltas into the values read after them, at every miniblock width. */
    @Test
    void skipsInterleavedWithReadsGiveTheValuesRead() {
        Random random = new Random(10);
        for (int width = 0; width <= 64; width += 7) {
            int forced = width;
            for (int count : new int[] {1, 2, 129, 700, 4097}) {
                long[] values = longs(random, count, random.nextInt(SHAPES));
                byte[] encoded = DeltaStreams.encode(values, 256, 4, 64, minimal -> Math.max(minimal, forced), random);
                DeltaBinaryPackedDecoder decoder = DeltaBinaryPackedDecoder.forLongs(MemorySegment.ofArray(encoded), 0,
                        encoded.length, Kernels.active());
                MemorySegment out = MemorySegment.ofArray(new long[1]);
                for (int at = 0; at < count; ) {
                    int n = Math.min(count - at, random.nextInt(300));
                    if (random.nextBoolean() || n == 0) {
                        decoder.skip(n);
                    } else {
                        decoder.readLongs(1, out, 0);
                        assertThat(out.getAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 0))
                                .as("width %d count %d value %d", forced, count, at).isEqualTo(values[at]);
                        decoder.skip(n - 1);
                    }
                    at += n;
                }
                assertThat(decoder.skipRest()).isEqualTo(encoded.length);
            }
        }
    }

    /**
     * Miniblocks of 1,024 values (rebuilt in several runs) and of 8,192 (over the size unpacked at once, read from the
     * page), at narrow and wide widths, read whole and read between skips.
     */
    @Test
    void largeAndOutsizedMiniblocksAtEveryKindOfWidth() {
        Random random = new Random(12);
        for (int blockSize : new int[] {1024, 8192}) {
            for (int width : new int[] {0, 5, 32, 33, 43, 61, 64}) {
                int forced = width;
                int count = 2 * blockSize + 77;
                // deltas of up to width bits, the top ones set in half of them
                long[] values = new long[count];
                for (int i = 1; i < count; i++) values[i] = values[i - 1] + (width == 0 ? 0 : random.nextLong() >>> (64 - width));
                byte[] encoded = DeltaStreams.encode(values, blockSize, 1, 64, minimal -> Math.max(minimal, forced), random);
                String what = "block " + blockSize + " width " + width;
                assertThat(decodeLongs(encoded, count, random)).as(what).isEqualTo(values);
                DeltaBinaryPackedDecoder decoder = DeltaBinaryPackedDecoder.forLongs(MemorySegment.ofArray(encoded), 0,
                        encoded.length, Kernels.active());
                MemorySegment out = MemorySegment.ofArray(new long[600]);
                for (int at = 0; at < count; ) {
                    int skipped = Math.min(count - at, random.nextInt(700));
                    decoder.skip(skipped);
                    at += skipped;
                    int read = Math.min(count - at, random.nextInt(600));
                    decoder.readLongs(read, out, 0);
                    for (int i = 0; i < read; i++) {
                        assertThat(out.getAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, i))
                                .as("%s value %d", what, at + i).isEqualTo(values[at + i]);
                    }
                    at += read;
                }
                assertThat(decoder.skipRest()).as(what).isEqualTo(encoded.length);
            }
        }
    }

    @Test
    void skippingFindsTheEndOfTheStreamFromAnyPoint() {
        Random random = new Random(9);
        for (int count : COUNTS) {
            byte[] encoded = DeltaStreams.encode(longs(random, count, 2), 256, 8, 64, w -> w, random);
            for (int read : new int[] {0, 1, count / 2, count}) {
                if (read > count) continue;
                DeltaBinaryPackedDecoder decoder = DeltaBinaryPackedDecoder.forLongs(MemorySegment.ofArray(encoded), 0, encoded.length, Kernels.active());
                decoder.readLongs(read, MemorySegment.ofArray(new long[Math.max(1, read)]), 0);
                assertThat(decoder.skipRest()).as("count %d after %d", count, read).isEqualTo(encoded.length);
            }
            byte[] truncated = Arrays.copyOf(encoded, encoded.length - 1);
            if (count > 1) {
                assertThatThrownBy(() -> DeltaBinaryPackedDecoder.forLongs(MemorySegment.ofArray(truncated), 0, truncated.length, Kernels.active()).skipRest())
                        .isExactlyInstanceOf(CorruptFileException.class);
            }
        }
    }

    @Test
    void deltasWrapAroundBothWays() {
        long[] longs = {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 0, Long.MIN_VALUE, -1, Long.MAX_VALUE, 1};
        byte[] encoded = DeltaStreams.encode(longs, 128, 4, 64, w -> w, null);
        assertThat(decodeLongs(encoded, longs.length, new Random(4))).isEqualTo(longs);
        int[] ints = {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, Integer.MIN_VALUE, -1, 7};
        byte[] intEncoded = DeltaStreams.encode(Arrays.stream(ints).asLongStream().toArray(), 128, 4, 32, w -> w, null);
        assertThat(decodeInts(intEncoded, ints.length, new Random(5))).isEqualTo(ints);
    }

    @Test
    void headerAloneForZeroAndOneValue() {
        // block 128, 4 miniblocks, 1 value, first value -3 (zigzag 5): nothing follows
        byte[] one = {(byte) 0x80, 0x01, 0x04, 0x01, 0x05};
        DeltaBinaryPackedDecoder decoder = DeltaBinaryPackedDecoder.forLongs(MemorySegment.ofArray(one), 0, one.length, Kernels.active());
        long[] out = new long[1];
        decoder.readLongs(1, MemorySegment.ofArray(out), 0);
        assertThat(out).containsExactly(-3);
        assertThat(decoder.position()).isEqualTo(one.length);
        byte[] none = {(byte) 0x80, 0x01, 0x04, 0x00, 0x00, 0x7F};
        DeltaBinaryPackedDecoder empty = DeltaBinaryPackedDecoder.forInts(MemorySegment.ofArray(none), 0, none.length, Kernels.active());
        assertThat(empty.totalCount()).isZero();
        assertThat(empty.position()).isEqualTo(5);
    }

    @Test
    void positionIsTheEndOfTheStreamInsideALargerSegment() throws Exception {
        int[] values = ints(new Random(6), 300, 2);
        byte[] encoded;
        try (DeltaBinaryPackingValuesWriterForInteger writer =
                new DeltaBinaryPackingValuesWriterForInteger(128, 4, 64, 1 << 20, HeapByteBufferAllocator.getInstance())) {
            for (int v : values) writer.writeInteger(v);
            encoded = ParquetBytes.of(writer.getBytes());
        }
        byte[] padded = new byte[encoded.length + 13];
        Arrays.fill(padded, (byte) 0xEE);
        System.arraycopy(encoded, 0, padded, 5, encoded.length);
        DeltaBinaryPackedDecoder decoder = DeltaBinaryPackedDecoder.forInts(MemorySegment.ofArray(padded), 5, padded.length, Kernels.active());
        int[] out = new int[values.length];
        decoder.readInts(values.length, MemorySegment.ofArray(out), 0);
        assertThat(out).isEqualTo(values);
        assertThat(decoder.position()).isEqualTo(5 + encoded.length);
    }

    @Test
    void hostileHeadersAreRefusedBeforeDecoding() {
        assertCorrupt(header(100, 4, 10, 0), "block size 100 is not a positive multiple of 128");
        assertCorrupt(header(0, 4, 10, 0), "block size 0");
        assertCorrupt(header(1L << 32, 1, 10, 0), "block size 4294967296");
        assertCorrupt(header(128, 0, 10, 0), "miniblock count 0 does not split");
        assertCorrupt(header(128, 3, 10, 0), "miniblock count 3 does not split");
        assertCorrupt(header(128, 8, 10, 0), "miniblock count 8 does not split the block of 128 values");
        assertCorrupt(header(128, 4, 1L << 31, 0), "total value count 2147483648 exceeds");
        // 2^31 - 1 values need 16 million blocks of at least 5 bytes; a 1 KiB page cannot hold them
        byte[] huge = Arrays.copyOf(header(128, 4, Integer.MAX_VALUE, 0), 1024);
        assertCorrupt(huge, "header declares 2147483647 values in 16777216 blocks of at least 5 bytes each but only 1015 bytes follow it");
        assertCorrupt(new byte[] {(byte) 0x80}, "block size at offset 0 is truncated at offset 1");
        byte[] longVarint = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x02};
        assertCorrupt(longVarint, "block size at offset 0 exceeds 64 bits");
        // 64-bit unsigned header fields: 2^64 - 1 miniblocks (FF x9 01) would make the per-block byte count
        // 1 + count wrap to 0; a block size of 2^64 - 128 is a multiple of 128 but negative as a signed long
        byte[] maxMiniblocks = header(128, -1L, 10, 0);
        assertThat(Arrays.copyOfRange(maxMiniblocks, 2, 12)).containsExactly(
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        assertCorrupt(maxMiniblocks, "miniblock count 18446744073709551615 does not split");
        // followed by blocks whose miniblocks claim 8 bits per value: -32 values per miniblock take -32 bytes
        byte[] hugeBlockHeader = header(-128L, 4, 10, 0);
        byte[] hugeBlock = Arrays.copyOf(hugeBlockHeader, 64);
        Arrays.fill(hugeBlock, hugeBlockHeader.length, hugeBlock.length, (byte) 8);
        assertThatThrownBy(() -> DeltaBinaryPackedDecoder.forLongs(MemorySegment.ofArray(hugeBlock), 0, hugeBlock.length, Kernels.active())
                        .readLongs(10, MemorySegment.ofArray(new long[10]), 0))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("block size 18446744073709551488 is not a positive multiple of 128");
    }

    @Test
    void bitWidthsBeyondTheValueTypeAreCorrupt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(128, 4, 3, 0));
        DeltaStreams.zigzag(out, 0);
        out.writeBytes(new byte[] {33, 0, 0, 0});
        out.writeBytes(new byte[32 * 33 / 8]);
        byte[] int33 = out.toByteArray();
        assertThatThrownBy(() -> DeltaBinaryPackedDecoder.forInts(MemorySegment.ofArray(int33), 0, int33.length, Kernels.active())
                .readInts(3, MemorySegment.ofArray(new int[3]), 0))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("miniblock bit width 33 at offset 6 exceeds the 32 bits of the values");
        int33[6] = 65;
        assertThatThrownBy(() -> DeltaBinaryPackedDecoder.forLongs(MemorySegment.ofArray(int33), 0, int33.length, Kernels.active())
                .readLongs(3, MemorySegment.ofArray(new long[3]), 0))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("miniblock bit width 65 at offset 6 exceeds the 64 bits of the values");
    }

    @Test
    void askingForMoreValuesThanTheStreamHoldsIsCorrupt() {
        byte[] three = DeltaStreams.encode(new long[] {1, 2, 3}, 128, 4, 32, w -> w, null);
        DeltaBinaryPackedDecoder decoder = DeltaBinaryPackedDecoder.forInts(MemorySegment.ofArray(three), 0, three.length, Kernels.active());
        decoder.readInts(2, MemorySegment.ofArray(new int[2]), 0);
        assertThatThrownBy(() -> decoder.readInts(2, MemorySegment.ofArray(new int[2]), 0))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("2 values requested but the stream holds 1 more");
        assertThatThrownBy(() -> decoder.readInts(-1, MemorySegment.ofArray(new int[2]), 0))
                .isExactlyInstanceOf(CorruptFileException.class);
    }

    @Test
    void truncationAtEveryLengthFailsTypedOrDecodesCorrectly() {
        Random random = new Random(7);
        for (int shape = 0; shape < SHAPES; shape++) {
            long[] values = longs(random, 300, shape);
            byte[] encoded = DeltaStreams.encode(values, 128, 4, 64, w -> w, random);
            for (int length = 0; length < encoded.length; length++) {
                byte[] truncated = Arrays.copyOf(encoded, length);
                long[] out = new long[values.length];
                try {
                    DeltaBinaryPackedDecoder.forLongs(MemorySegment.ofArray(truncated), 0, length, Kernels.active())
                            .readLongs(values.length, MemorySegment.ofArray(out), 0);
                    // the final miniblock's padding is required, so no truncation can decode
                    fail("shape %d truncated to %d of %d bytes decoded", shape, length, encoded.length);
                } catch (CorruptFileException expected) {
                    assertThat(expected.getMessage()).startsWith("DELTA_BINARY_PACKED");
                }
            }
        }
    }

    @Test
    void randomGarbageNeverEscapesAsAnotherException() {
        Random random = new Random(8);
        for (int round = 0; round < 3000; round++) {
            byte[] garbage = new byte[random.nextInt(60)];
            random.nextBytes(garbage);
            if (garbage.length > 2 && random.nextBoolean()) {
                byte[] plausible = header(128, 4, random.nextInt(400), random.nextInt(100));
                System.arraycopy(plausible, 0, garbage, 0, Math.min(plausible.length, garbage.length));
            }
            long[] out = new long[500];
            try {
                DeltaBinaryPackedDecoder decoder = DeltaBinaryPackedDecoder.forLongs(MemorySegment.ofArray(garbage), 0, garbage.length, Kernels.active());
                decoder.readLongs(Math.min(decoder.totalCount(), out.length), MemorySegment.ofArray(out), 0);
            } catch (CorruptFileException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("round %d threw %s", round, e);
            }
        }
    }

    private static byte[] header(long blockSize, long miniblocks, long count, long first) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeltaStreams.unsigned(out, blockSize);
        DeltaStreams.unsigned(out, miniblocks);
        DeltaStreams.unsigned(out, count);
        DeltaStreams.zigzag(out, first);
        return out.toByteArray();
    }

    private static void assertCorrupt(byte[] bytes, String message) {
        assertThatThrownBy(() -> DeltaBinaryPackedDecoder.forLongs(MemorySegment.ofArray(bytes), 0, bytes.length, Kernels.active()))
                .isExactlyInstanceOf(CorruptFileException.class).hasMessageContaining(message);
    }

    static int[] decodeInts(byte[] encoded, int count, Random random) {
        return Arrays.stream(decode(encoded, count, random, false)).mapToInt(v -> (int) v).toArray();
    }

    static long[] decodeLongs(byte[] encoded, int count, Random random) {
        return decode(encoded, count, random, true);
    }

    /** Reads in random chunk sizes, so runs carry over between calls, and checks the stream's end. */
    private static long[] decode(byte[] encoded, int count, Random random, boolean int64) {
        MemorySegment src = MemorySegment.ofArray(encoded);
        DeltaBinaryPackedDecoder decoder = int64
                ? DeltaBinaryPackedDecoder.forLongs(src, 0, encoded.length, Kernels.active()) : DeltaBinaryPackedDecoder.forInts(src, 0, encoded.length, Kernels.active());
        assertThat(decoder.totalCount()).isEqualTo(count);
        int size = int64 ? 8 : 4;
        MemorySegment out = MemorySegment.ofArray(new byte[size * count]);
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, random.nextInt(90));
            if (int64) decoder.readLongs(n, out, (long) size * done);
            else decoder.readInts(n, out, (long) size * done);
            done += n;
        }
        assertThat(decoder.position()).isEqualTo(encoded.length);
        long[] values = new long[count];
        for (int i = 0; i < count; i++) values[i] = int64 ? out.get(LittleEndian.LONG, 8L * i) : out.get(LittleEndian.INT, 4L * i);
        return values;
    }

    /**
     * shape 0: full-range random; 1: small steps; 2: ascending with jumps; 3: all equal; 4: alternating
     * MIN/MAX (every delta wraps); 5: extremes mixed with random; 6: descending.
     */
    static long[] longs(Random random, int count, int shape) {
        long[] values = new long[count];
        long base = random.nextLong();
        for (int i = 0; i < count; i++) {
            values[i] = switch (shape) {
                case 0 -> random.nextLong();
                case 1 -> (i == 0 ? base : values[i - 1]) + random.nextInt(7) - 3;
                case 2 -> (i == 0 ? base : values[i - 1]) + (random.nextInt(10) == 0 ? random.nextLong() >>> 20 : random.nextInt(1000));
                case 3 -> base;
                case 4 -> i % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
                case 5 -> switch (random.nextInt(4)) {
                    case 0 -> Long.MIN_VALUE;
                    case 1 -> Long.MAX_VALUE;
                    case 2 -> 0;
                    default -> random.nextLong();
                };
                default -> base - 17L * i;
            };
        }
        return values;
    }

    static int[] ints(Random random, int count, int shape) {
        long[] wide = longs(random, count, shape);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = switch (shape) {
                case 4 -> i % 2 == 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                case 5 -> wide[i] == Long.MIN_VALUE ? Integer.MIN_VALUE : wide[i] == Long.MAX_VALUE ? Integer.MAX_VALUE : (int) wide[i];
                default -> (int) wide[i];
            };
        }
        return values;
    }
}
