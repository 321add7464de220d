package io.pqflux.internal.codec.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vector kernels against the scalar reference on random input: odd lengths, unaligned offsets, sources that
 * end exactly at the last byte a kernel may use (heap segments throw on any read past them), and bad values
 * planted anywhere, the tails included. Both kernel sets are created directly, never through the provider,
 * and the test fails if the vector kernels cannot run here.
 */
class KernelDuelTest {

    private static final int[] GROUP_COUNTS = {1, 2, 3, 5, 7, 9, 13, 31, 63, 65, 127, 255, 1001};
    private static final int ROUNDS = 6;

    private static final LevelKernels SCALAR = ScalarKernels.INSTANCE;
    private static LevelKernels vector;

    @BeforeAll
    static void vectorKernelsRunHere() {
        vector = new VectorKernels();
        assertThat(VectorKernels.bitSize()).as("preferred vector size in bits").isGreaterThanOrEqualTo(256);
        assertThat(vector.getClass().getModule().getLayer()).isNull(); // loaded from the class path, as in production
    }

    static IntStream byteWidths() {
        return IntStream.rangeClosed(1, 8);
    }

    static IntStream intWidths() {
        return IntStream.rangeClosed(1, 32);
    }

    @ParameterizedTest
    @MethodSource("byteWidths")
    void unpackBytesMatches(int bitWidth) {
        Random random = new Random(100 + bitWidth);
        for (int groups : GROUP_COUNTS) {
            for (int round = 0; round < ROUNDS; round++) {
                duelUnpack(random, bitWidth, groups, 1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("intWidths")
    void unpackIntsMatches(int bitWidth) {
        Random random = new Random(200 + bitWidth);
        for (int groups : GROUP_COUNTS) {
            for (int round = 0; round < ROUNDS; round++) {
                duelUnpack(random, bitWidth, groups, 4);
            }
        }
    }

    /** Also checks the scalar kernel against a bit-by-bit reading of the input, so the reference is no echo. */
    private static void duelUnpack(Random random, int bitWidth, int groups, int valueSize) {
        int srcOffset = random.nextInt(17);
        byte[] packed = new byte[srcOffset + groups * bitWidth]; // ends at the last packed byte
        random.nextBytes(packed);
        MemorySegment src = MemorySegment.ofArray(packed);
        int values = groups * 8;
        int dstOffset = random.nextInt(17);
        byte[] fill = new byte[dstOffset + values * valueSize + 19];
        random.nextBytes(fill);
        byte[] scalarOut = fill.clone();
        byte[] vectorOut = fill.clone();
        if (valueSize == 1) {
            SCALAR.unpackBytes(src, srcOffset, bitWidth, groups, MemorySegment.ofArray(scalarOut), dstOffset);
            vector.unpackBytes(src, srcOffset, bitWidth, groups, MemorySegment.ofArray(vectorOut), dstOffset);
        } else {
            SCALAR.unpackInts(src, srcOffset, bitWidth, groups, MemorySegment.ofArray(scalarOut), dstOffset);
            vector.unpackInts(src, srcOffset, bitWidth, groups, MemorySegment.ofArray(vectorOut), dstOffset);
        }
        String what = "width " + bitWidth + ", " + groups + " groups, src offset " + srcOffset + ", dst offset " + dstOffset;
        assertThat(vectorOut).as(what).isEqualTo(scalarOut);
        MemorySegment out = MemorySegment.ofArray(scalarOut);
        for (int i = 0; i < values; i++) {
            long expected = 0;
            for (int b = 0; b < bitWidth; b++) {
                long bit = (long) srcOffset * 8 + (long) i * bitWidth + b;
                expected |= (long) ((packed[(int) (bit >>> 3)] >>> (bit & 7)) & 1) << b;
            }
            long actual = valueSize == 1 ? out.get(ValueLayout.JAVA_BYTE, dstOffset + i) & 0xFFL
                    : out.get(ValueLayout.JAVA_INT_UNALIGNED, dstOffset + 4L * i) & 0xFFFFFFFFL;
            assertThat(actual).as("%s, value %d", what, i).isEqualTo(expected);
        }
        for (int i = 0; i < fill.length; i++) {
            if (i < dstOffset || i >= dstOffset + values * valueSize) assertThat(scalarOut[i]).as("%s, byte %d outside the output", what, i).isEqualTo(fill[i]);
        }
    }

    @Test
    void fillIntsMatches() {
        Random random = new Random(300);
        for (int count = 0; count < 200; count++) {
            int dstOffset = random.nextInt(13);
            byte[] fill = new byte[dstOffset + 4 * count + 11];
            random.nextBytes(fill);
            byte[] scalarOut = fill.clone();
            byte[] vectorOut = fill.clone();
            int value = random.nextInt();
            SCALAR.fillInts(MemorySegment.ofArray(scalarOut), dstOffset, count, value);
            vector.fillInts(MemorySegment.ofArray(vectorOut), dstOffset, count, value);
            assertThat(vectorOut).as("count %d", count).isEqualTo(scalarOut);
            MemorySegment out = MemorySegment.ofArray(scalarOut);
            for (int i = 0; i < count; i++) assertThat(out.get(ValueLayout.JAVA_INT_UNALIGNED, dstOffset + 4L * i)).isEqualTo(value);
            assertThat(scalarOut[fill.length - 1]).isEqualTo(fill[fill.length - 1]);
        }
    }

    @Test
    void countingLevelsMatchesAndFindsEveryLevelAboveTheMaximum() {
        Random random = new Random(400);
        for (int round = 0; round < 3000; round++) {
            int count = lengthOf(random);
            int offset = random.nextInt(11);
            int maxLevel = random.nextInt(8);
            byte[] levels = levels(random, offset, count, maxLevel + 1);
            int expected = 0;
            for (int i = 0; i < count; i++) if (levels[offset + i] == maxLevel) expected++;
            boolean planted = count > 0 && random.nextBoolean();
            if (planted) levels[offset + plantAt(random, count)] = (byte) (maxLevel + 1 + random.nextInt(255 - maxLevel));
            MemorySegment segment = MemorySegment.ofArray(levels);
            int scalar = SCALAR.countEqualUnlessAbove(segment, offset, count, maxLevel);
            int vectorCount = vector.countEqualUnlessAbove(segment, offset, count, maxLevel);
            assertThat(vectorCount).as("round %d, %d levels", round, count).isEqualTo(scalar);
            if (planted) assertThat(scalar).isEqualTo(-1);
            else assertThat(scalar).isEqualTo(expected);
        }
    }

    @Test
    void countingOneLevelMatches() {
        Random random = new Random(450);
        for (int round = 0; round < 3000; round++) {
            int count = lengthOf(random);
            int offset = random.nextInt(11);
            int level = random.nextInt(4);
            byte[] levels = levels(random, offset, count, 4);
            // levels above 127 too, so a signed comparison would show
            if (count > 0 && random.nextBoolean()) levels[offset + plantAt(random, count)] = (byte) (128 + random.nextInt(128));
            int expected = 0;
            for (int i = 0; i < count; i++) if ((levels[offset + i] & 0xFF) == level) expected++;
            MemorySegment segment = MemorySegment.ofArray(levels);
            assertThat(SCALAR.countEqual(segment, offset, count, level)).as("round %d", round).isEqualTo(expected);
            assertThat(vector.countEqual(segment, offset, count, level)).as("round %d, %d levels", round, count).isEqualTo(expected);
        }
    }

    @Test
    void validityMatches() {
        Random random = new Random(500);
        for (int round = 0; round < 3000; round++) {
            int count = lengthOf(random);
            int offset = random.nextInt(11);
            int threshold = random.nextInt(5);
            byte[] levels = levels(random, offset, count, 5);
            if (count > 0 && random.nextBoolean()) levels[offset + plantAt(random, count)] = (byte) (128 + random.nextInt(128));
            MemorySegment segment = MemorySegment.ofArray(levels);
            int words = (count + 63) >>> 6;
            long[] scalarWords = new long[words + 2];
            for (int i = 0; i < scalarWords.length; i++) scalarWords[i] = random.nextLong();
            long[] vectorWords = scalarWords.clone();
            long[] untouched = scalarWords.clone();
            SCALAR.atLeast(segment, offset, count, threshold, scalarWords);
            vector.atLeast(segment, offset, count, threshold, vectorWords);
            assertThat(vectorWords).as("round %d, %d levels", round, count).isEqualTo(scalarWords);
            for (int i = 0; i < count; i++) {
                boolean set = (scalarWords[i >>> 6] & (1L << i)) != 0;
                assertThat(set).as("entry %d", i).isEqualTo((levels[offset + i] & 0xFF) >= threshold);
            }
            if (count % 64 != 0) assertThat(scalarWords[words - 1] >>> (count % 64)).as("bits past the count").isZero();
            assertThat(scalarWords[words]).isEqualTo(untouched[words]);
        }
    }

    @Test
    void idCheckMatchesAndFindsTheFirstBadId() {
        Random random = new Random(600);
        for (int round = 0; round < 3000; round++) {
            int count = lengthOf(random);
            int offset = random.nextInt(11);
            int size = random.nextInt(5) == 0 ? random.nextInt(3) : 1 + random.nextInt(100_000);
            int[] ids = new int[count + 4];
            for (int i = 0; i < ids.length; i++) ids[i] = size == 0 ? 0 : random.nextInt(size);
            int expected = -1;
            if (size == 0 && count > 0) expected = 0;
            if (count > 0 && random.nextBoolean()) {
                int at = plantAt(random, count);
                ids[at] = random.nextBoolean() ? size + random.nextInt(1000) : -1 - random.nextInt(Integer.MAX_VALUE);
                if (expected < 0 || at < expected) expected = at;
            }
            ids[count] = -5; // past the range: never looked at
            MemorySegment segment = MemorySegment.ofArray(ids).asSlice(0, 4L * (count + 1));
            // an unaligned start: shift everything by `offset` bytes
            MemorySegment shifted = MemorySegment.ofArray(new byte[offset + 4 * count]);
            MemorySegment.copy(segment, 0, shifted, offset, 4L * count);
            int scalar = SCALAR.firstOutOfRange(shifted, offset, count, size);
            assertThat(vector.firstOutOfRange(shifted, offset, count, size)).as("round %d, %d ids", round, count).isEqualTo(scalar);
            assertThat(scalar).isEqualTo(expected);
        }
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
