package io.pqflux.internal.codec.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

/**
 * One duel per kernel: random input (odd lengths, unaligned offsets, sources that end exactly at the last
 * byte a kernel may use, bad values planted anywhere, the tails included), run through the vector kernels
 * and the scalar reference, outputs compared byte for byte, canaries around them checked, and the scalar
 * result checked against a plain reading of the input so the reference is no echo. Segments live on the
 * heap or off it ({@link Memory}); either way a read past the end throws. Used by {@link KernelDuelTest}
 * (per width and shape) and {@link C2KernelDuel} (in a loop, until C2 has compiled the kernels).
 */
final class KernelDuels {

    static final int[] GROUP_COUNTS = {1, 2, 3, 5, 7, 9, 13, 31, 63, 65, 127, 255, 1001};

    private static final LevelKernels SCALAR = ScalarKernels.INSTANCE;

    private KernelDuels() {
    }

    /** Where the kernels' segments live. */
    enum Memory {
        /** {@code MemorySegment.ofArray}: exactly the array. */
        HEAP,
        /** Off-heap, exactly as long as the data, at a base address misaligned by 0..7 bytes. */
        NATIVE;

        /** A segment of exactly {@code bytes.length} bytes holding a copy of {@code bytes}. */
        MemorySegment holding(byte[] bytes, Arena arena) {
            if (this == HEAP) return MemorySegment.ofArray(bytes.clone());
            int shift = (bytes.length * 5 + 3) & 7;
            MemorySegment segment = arena.allocate(bytes.length + shift, 8).asSlice(shift, bytes.length);
            return segment.copyFrom(MemorySegment.ofArray(bytes));
        }
    }

    /** Unpacking {@code groups} groups of {@code bitWidth} bits into bytes ({@code valueSize} 1) or ints (4). */
    static void unpack(Random random, Memory memory, LevelKernels vector, int bitWidth, int groups, int valueSize) {
        try (Arena arena = Arena.ofConfined()) {
            int srcOffset = random.nextInt(17);
            byte[] packed = new byte[srcOffset + groups * bitWidth]; // ends at the last packed byte
            random.nextBytes(packed);
            MemorySegment src = memory.holding(packed, arena);
            int values = groups * 8;
            int dstOffset = random.nextInt(17);
            byte[] fill = new byte[dstOffset + values * valueSize + 19];
            random.nextBytes(fill);
            MemorySegment scalarDst = memory.holding(fill, arena);
            MemorySegment vectorDst = memory.holding(fill, arena);
            if (valueSize == 1) {
                SCALAR.unpackBytes(src, srcOffset, bitWidth, groups, scalarDst, dstOffset);
                vector.unpackBytes(src, srcOffset, bitWidth, groups, vectorDst, dstOffset);
            } else {
                SCALAR.unpackInts(src, srcOffset, bitWidth, groups, scalarDst, dstOffset);
                vector.unpackInts(src, srcOffset, bitWidth, groups, vectorDst, dstOffset);
            }
            byte[] scalarOut = scalarDst.toArray(ValueLayout.JAVA_BYTE);
            String what = memory + ", width " + bitWidth + ", " + groups + " groups, src offset " + srcOffset + ", dst offset " + dstOffset;
            assertThat(vectorDst.toArray(ValueLayout.JAVA_BYTE)).as(what).isEqualTo(scalarOut);
            MemorySegment out = MemorySegment.ofArray(scalarOut);
            for (int i = 0; i < values; i++) {
                long expected = 0;
                for (int b = 0; b < bitWidth; b++) {
                    long bit = (long) srcOffset * 8 + (long) i * bitWidth + b;
                    expected |= (long) ((packed[(int) (bit >>> 3)] >>> (bit & 7)) & 1) << b;
                }
                long actual = valueSize == 1 ? out.get(ValueLayout.JAVA_BYTE, dstOffset + i) & 0xFFL
                        : out.get(ValueLayout.JAVA_INT_UNALIGNED, dstOffset + 4L * i) & 0xFFFFFFFFL;
                if (actual != expected) assertThat(actual).as("%s, value %d", what, i).isEqualTo(expected);
            }
            for (int i = 0; i < fill.length; i++) {
                if ((i < dstOffset || i >= dstOffset + values * valueSize) && scalarOut[i] != fill[i]) {
                    assertThat(scalarOut[i]).as("%s, byte %d outside the output", what, i).isEqualTo(fill[i]);
                }
            }
        }
    }

    /** An RLE run of {@code count} ints. */
    static void fillInts(Random random, Memory memory, LevelKernels vector, int count) {
        try (Arena arena = Arena.ofConfined()) {
            int dstOffset = random.nextInt(13);
            byte[] fill = new byte[dstOffset + 4 * count + 11];
            random.nextBytes(fill);
            MemorySegment scalarDst = memory.holding(fill, arena);
            MemorySegment vectorDst = memory.holding(fill, arena);
            int value = random.nextInt();
            SCALAR.fillInts(scalarDst, dstOffset, count, value);
            vector.fillInts(vectorDst, dstOffset, count, value);
            byte[] scalarOut = scalarDst.toArray(ValueLayout.JAVA_BYTE);
            assertThat(vectorDst.toArray(ValueLayout.JAVA_BYTE)).as("%s, count %d", memory, count).isEqualTo(scalarOut);
            MemorySegment out = MemorySegment.ofArray(scalarOut);
            for (int i = 0; i < count; i++) assertThat(out.get(ValueLayout.JAVA_INT_UNALIGNED, dstOffset + 4L * i)).isEqualTo(value);
            assertThat(scalarOut[fill.length - 1]).isEqualTo(fill[fill.length - 1]);
        }
    }

    /** Counting levels at the maximum, -1 when any is above it. */
    static void countEqualUnlessAbove(Random random, Memory memory, LevelKernels vector) {
        try (Arena arena = Arena.ofConfined()) {
            int count = lengthOf(random);
            int offset = random.nextInt(11);
            int maxLevel = random.nextInt(8);
            byte[] levels = levels(random, offset, count, maxLevel + 1);
            int expected = 0;
            for (int i = 0; i < count; i++) if (levels[offset + i] == maxLevel) expected++;
            boolean planted = count > 0 && random.nextBoolean();
            if (planted) levels[offset + plantAt(random, count)] = (byte) (maxLevel + 1 + random.nextInt(255 - maxLevel));
            MemorySegment segment = memory.holding(levels, arena);
            int scalar = SCALAR.countEqualUnlessAbove(segment, offset, count, maxLevel);
            int vectorCount = vector.countEqualUnlessAbove(segment, offset, count, maxLevel);
            assertThat(vectorCount).as("%s, %d levels", memory, count).isEqualTo(scalar);
            assertThat(scalar).isEqualTo(planted ? -1 : expected);
        }
    }

    /** Counting one level, levels above 127 included so a signed comparison would show. */
    static void countEqual(Random random, Memory memory, LevelKernels vector) {
        try (Arena arena = Arena.ofConfined()) {
            int count = lengthOf(random);
            int offset = random.nextInt(11);
            int level = random.nextInt(4);
            byte[] levels = levels(random, offset, count, 4);
            if (count > 0 && random.nextBoolean()) levels[offset + plantAt(random, count)] = (byte) (128 + random.nextInt(128));
            int expected = 0;
            for (int i = 0; i < count; i++) if ((levels[offset + i] & 0xFF) == level) expected++;
            MemorySegment segment = memory.holding(levels, arena);
            assertThat(SCALAR.countEqual(segment, offset, count, level)).as("%s, %d levels", memory, count).isEqualTo(expected);
            assertThat(vector.countEqual(segment, offset, count, level)).as("%s, %d levels", memory, count).isEqualTo(expected);
        }
    }

    /** Validity bits of levels at or above a threshold; words past the count untouched. */
    static void atLeast(Random random, Memory memory, LevelKernels vector) {
        try (Arena arena = Arena.ofConfined()) {
            int count = lengthOf(random);
            int offset = random.nextInt(11);
            int threshold = random.nextInt(5);
            byte[] levels = levels(random, offset, count, 5);
            if (count > 0 && random.nextBoolean()) levels[offset + plantAt(random, count)] = (byte) (128 + random.nextInt(128));
            MemorySegment segment = memory.holding(levels, arena);
            int words = (count + 63) >>> 6;
            long[] scalarWords = new long[words + 2];
            for (int i = 0; i < scalarWords.length; i++) scalarWords[i] = random.nextLong();
            long[] vectorWords = scalarWords.clone();
            long[] untouched = scalarWords.clone();
            SCALAR.atLeast(segment, offset, count, threshold, scalarWords);
            vector.atLeast(segment, offset, count, threshold, vectorWords);
            assertThat(vectorWords).as("%s, %d levels", memory, count).isEqualTo(scalarWords);
            for (int i = 0; i < count; i++) {
                boolean set = (scalarWords[i >>> 6] & (1L << i)) != 0;
                boolean expected = (levels[offset + i] & 0xFF) >= threshold;
                if (set != expected) assertThat(set).as("%s, entry %d", memory, i).isEqualTo(expected);
            }
            if (count % 64 != 0) assertThat(scalarWords[words - 1] >>> (count % 64)).as("bits past the count").isZero();
            assertThat(scalarWords[words]).isEqualTo(untouched[words]);
        }
    }

    /** The first dictionary id outside [0, size), planted anywhere, or none. */
    static void firstOutOfRange(Random random, Memory memory, LevelKernels vector) {
        try (Arena arena = Arena.ofConfined()) {
            int count = lengthOf(random);
            int offset = random.nextInt(11);
            int size = random.nextInt(5) == 0 ? random.nextInt(3) : 1 + random.nextInt(100_000);
            int[] ids = new int[count];
            for (int i = 0; i < ids.length; i++) ids[i] = size == 0 ? 0 : random.nextInt(size);
            int expected = size == 0 && count > 0 ? 0 : -1;
            if (count > 0 && random.nextBoolean()) {
                int at = plantAt(random, count);
                ids[at] = random.nextBoolean() ? size + random.nextInt(1000) : -1 - random.nextInt(Integer.MAX_VALUE);
                if (expected < 0 || at < expected) expected = at;
            }
            // an unaligned start: the ids `offset` bytes in, and nothing after them
            byte[] shifted = new byte[offset + 4 * count];
            MemorySegment.copy(MemorySegment.ofArray(ids), 0, MemorySegment.ofArray(shifted), offset, 4L * count);
            MemorySegment segment = memory.holding(shifted, arena);
            int scalar = SCALAR.firstOutOfRange(segment, offset, count, size);
            assertThat(vector.firstOutOfRange(segment, offset, count, size)).as("%s, %d ids", memory, count).isEqualTo(scalar);
            assertThat(scalar).isEqualTo(expected);
        }
    }

    /** Every kernel once, with random widths, lengths and shapes: one lap of {@link C2KernelDuel}'s loop. */
    static void everyKernel(Random random, Memory memory, LevelKernels vector) {
        int groups = GROUP_COUNTS[random.nextInt(GROUP_COUNTS.length - 1)]; // the 1001-group case is for the per-width tests
        unpack(random, memory, vector, 1 + random.nextInt(8), groups, 1);
        unpack(random, memory, vector, 1 + random.nextInt(32), groups, 4);
        fillInts(random, memory, vector, random.nextInt(200));
        countEqualUnlessAbove(random, memory, vector);
        countEqual(random, memory, vector);
        atLeast(random, memory, vector);
        firstOutOfRange(random, memory, vector);
    }

    /** Mostly short and odd, sometimes long, so both main loops and tails run. */
    private static int lengthOf(Random random) {
        return random.nextInt(4) == 0 ? random.nextInt(5000) : random.nextInt(200);
    }

    /** Favours the last entries, where tails are handled. */
    private static int plantAt(Random random, int count) {
        return random.nextBoolean() ? count - 1 - random.nextInt(Math.min(count, 70)) : random.nextInt(count);
    }

    private static byte[] levels(Random random, int offset, int count, int bound) {
        byte[] levels = new byte[offset + count];
        for (int i = 0; i < levels.length; i++) levels[i] = (byte) random.nextInt(bound);
        return levels;
    }
}
