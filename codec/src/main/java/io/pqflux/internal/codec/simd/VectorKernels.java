package io.pqflux.internal.codec.simd;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the Vector API, for preferred species of 256 bits or more. Only {@link Kernels} creates
 * this class, reflectively and after checking that {@code jdk.incubator.vector} is present, so a JVM
 * without the module never loads it.
 *
 * <p>Bit-unpacking gathers, with one byte shuffle, the bytes each output lane needs into that lane
 * (little-endian), shifts every lane right by its value's bit offset within its first byte and masks:
 * 16-bit lanes for bytes (a value of at most 8 bits spans at most 2 bytes), 32-bit lanes for ints up to
 * 25 bits (at most 4 bytes), 64-bit lanes above. Shuffles and shift counts depend only on the width and
 * are built once here.
 */
final class VectorKernels implements LevelKernels {

    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    /** One byte per 16-bit lane of {@link #SHORTS}: where the narrowed bytes go. */
    private static final VectorSpecies<Byte> HALF_BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(BYTES.vectorBitSize() / 2));
    /** One int per 64-bit lane of {@link #LONGS}. */
    private static final VectorSpecies<Integer> HALF_INTS = VectorSpecies.of(int.class, VectorShape.forBitSize(INTS.vectorBitSize() / 2));
    private static final int VECTOR_BYTES = BYTES.vectorByteSize();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    /** Widest int width unpacked in 32-bit lanes: 7 bits of offset + 25 bits fill exactly 4 bytes. */
    private static final int MAX_INT_LANE_WIDTH = 25;

    /** Steps of {@code lanes} values needed to cover the bit offsets of a group of 8 (1, or 2 for 4 lanes). */
    private static final int LONG_PHASES = Math.max(1, 8 / LONGS.length());

    // Indexed by bit width (and phase); built once, the same for every call.
    @SuppressWarnings({"unchecked", "rawtypes"}) // no generic arrays in Java
    private static final VectorShuffle<Byte>[] BYTE_SHUFFLES = new VectorShuffle[9];
    private static final ShortVector[] BYTE_SHIFTS = new ShortVector[9];
    @SuppressWarnings({"unchecked", "rawtypes"}) // no generic arrays in Java
    private static final VectorShuffle<Byte>[] INT_SHUFFLES = new VectorShuffle[MAX_INT_LANE_WIDTH + 1];
    private static final IntVector[] INT_SHIFTS = new IntVector[MAX_INT_LANE_WIDTH + 1];
    @SuppressWarnings({"unchecked", "rawtypes"}) // no generic arrays in Java
    private static final VectorShuffle<Byte>[][] LONG_SHUFFLES = new VectorShuffle[33][LONG_PHASES];
    private static final LongVector[][] LONG_SHIFTS = new LongVector[33][LONG_PHASES];
    /** Per bit width, the mask of a value: made once, since a broadcast in the loop's method was a heap allocation. */
    private static final LongVector[] LONG_MASKS = new LongVector[33];

    static {
        for (int w = 1; w <= 8; w++) {
            UnpackPlan plan = new UnpackPlan(SHORTS.length(), 2, w, 0);
            BYTE_SHUFFLES[w] = plan.shuffle();
            BYTE_SHIFTS[w] = ShortVector.fromArray(SHORTS, plan.shortShifts(), 0);
        }
        for (int w = 1; w <= MAX_INT_LANE_WIDTH; w++) {
            UnpackPlan plan = new UnpackPlan(INTS.length(), 4, w, 0);
            INT_SHUFFLES[w] = plan.shuffle();
            INT_SHIFTS[w] = IntVector.fromArray(INTS, plan.intShifts(), 0);
        }
        for (int w = MAX_INT_LANE_WIDTH + 1; w <= 32; w++) {
            for (int p = 0; p < LONG_PHASES; p++) {
                UnpackPlan plan = new UnpackPlan(LONGS.length(), 8, w, p);
                LONG_SHUFFLES[w][p] = plan.shuffle();
                LONG_SHIFTS[w][p] = LongVector.fromArray(LONGS, plan.shifts, 0);
            }
            LONG_MASKS[w] = LongVector.broadcast(LONGS, (1L << w) - 1);
        }
    }

    VectorKernels() {
        if (BYTES.vectorBitSize() < 256) {
            throw new IllegalStateException("the preferred vector species has " + BYTES.vectorBitSize() + " bits, fewer than 256");
        }
    }

    /** The vector size in bits, for {@link Kernels#description()}. */
    static int bitSize() {
        return BYTES.vectorBitSize();
    }

    @Override
    public void unpackBytes(MemorySegment src, long srcOffset, int bitWidth, int groups, MemorySegment dst, long dstOffset) {
        VectorShuffle<Byte> shuffle = BYTE_SHUFFLES[bitWidth];
        ShortVector shifts = BYTE_SHIFTS[bitWidth];
        ShortVector mask = ShortVector.broadcast(SHORTS, (short) ((1 << bitWidth) - 1));
        int lanes = SHORTS.length();
        long values = groups * 8L;
        long v = 0;
        for (long end = fullSteps(src, srcOffset, bitWidth, values, lanes); v < end; v += lanes) {
            ByteVector in = ByteVector.fromMemorySegment(BYTES, src, srcOffset + (v * bitWidth >>> 3), ByteOrder.LITTLE_ENDIAN);
            unpackBytes(in, shuffle, shifts, mask).intoMemorySegment(dst, dstOffset + v, NATIVE);
        }
        // the groups short of a full step or near the end of src: the scalar twin (see scalarTail)
        if (v < values) {
            ScalarKernels.INSTANCE.unpackBytes(src, srcOffset + (v * bitWidth >>> 3), bitWidth, (int) ((values - v) >>> 3),
                    dst, dstOffset + v);
        }
    }

    private static ByteVector unpackBytes(ByteVector in, VectorShuffle<Byte> shuffle, ShortVector shifts, ShortVector mask) {
        return (ByteVector) in.rearrange(shuffle).reinterpretAsShorts().lanewise(VectorOperators.LSHR, shifts).and(mask)
                .convertShape(VectorOperators.S2B, HALF_BYTES, 0);
    }

    @Override
    public void unpackInts(MemorySegment src, long srcOffset, int bitWidth, int groups, MemorySegment dst, long dstOffset) {
        if (bitWidth <= MAX_INT_LANE_WIDTH) unpackIntLanes(src, srcOffset, bitWidth, groups, dst, dstOffset);
        else unpackLongLanes(src, srcOffset, bitWidth, groups, dst, dstOffset);
    }

    private static void unpackIntLanes(MemorySegment src, long srcOffset, int bitWidth, int groups, MemorySegment dst, long dstOffset) {
        VectorShuffle<Byte> shuffle = INT_SHUFFLES[bitWidth];
        IntVector shifts = INT_SHIFTS[bitWidth];
        IntVector mask = IntVector.broadcast(INTS, (1 << bitWidth) - 1);
        int lanes = INTS.length();
        long values = groups * 8L;
        long v = 0;
        for (long end = fullSteps(src, srcOffset, bitWidth, values, lanes); v < end; v += lanes) {
            ByteVector in = ByteVector.fromMemorySegment(BYTES, src, srcOffset + (v * bitWidth >>> 3), ByteOrder.LITTLE_ENDIAN);
            unpackInts(in, shuffle, shifts, mask).intoMemorySegment(dst, dstOffset + 4 * v, NATIVE);
        }
        scalarTail(src, srcOffset, bitWidth, v, values, dst, dstOffset);
    }

    private static IntVector unpackInts(ByteVector in, VectorShuffle<Byte> shuffle, IntVector shifts, IntVector mask) {
        return in.rearrange(shuffle).reinterpretAsInts().lanewise(VectorOperators.LSHR, shifts).and(mask);
    }

    /** 64-bit lanes; with 256-bit vectors a group of 8 takes two steps, whose values start at different bits. */
    private static void unpackLongLanes(MemorySegment src, long srcOffset, int bitWidth, int groups, MemorySegment dst, long dstOffset) {
        VectorShuffle<Byte>[] shuffles = LONG_SHUFFLES[bitWidth];
        LongVector[] shifts = LONG_SHIFTS[bitWidth];
        LongVector mask = LONG_MASKS[bitWidth];
        int lanes = LONGS.length();
        long values = groups * 8L;
        long v = 0;
        for (long end = fullSteps(src, srcOffset, bitWidth, values, lanes); v < end; v += lanes) {
            int phase = (int) (v & 7) / lanes;
            ByteVector in = ByteVector.fromMemorySegment(BYTES, src, srcOffset + (v * bitWidth >>> 3), ByteOrder.LITTLE_ENDIAN);
            unpackLongs(in, shuffles[phase], shifts[phase], mask).intoMemorySegment(dst, dstOffset + 4 * v, NATIVE);
        }
        // a step may end mid-group (lanes < 8): the tail starts at its group, rewriting the values already done
        scalarTail(src, srcOffset, bitWidth, v & ~7L, values, dst, dstOffset);
    }

    private static IntVector unpackLongs(ByteVector in, VectorShuffle<Byte> shuffle, LongVector shifts, LongVector mask) {
        return (IntVector) in.rearrange(shuffle).reinterpretAsLongs().lanewise(VectorOperators.LSHR, shifts).and(mask)
                .convertShape(VectorOperators.L2I, HALF_INTS, 0);
    }

    /**
     * Values before which every step of {@code lanes} values both stores all its lanes and loads a whole
     * vector inside {@code src}; the values after it are left to the scalar twin.
     */
    private static long fullSteps(MemorySegment src, long srcOffset, int bitWidth, long values, int lanes) {
        long steps = values / lanes;
        long room = src.byteSize() - VECTOR_BYTES - srcOffset;
        // step k loads from byte (k * lanes * bitWidth) >>> 3, which fits while k * lanes * bitWidth < 8 * (room + 1)
        long fitting = room < 0 ? 0 : Math.ceilDiv(8 * (room + 1), (long) bitWidth * lanes);
        return Math.min(steps, fitting) * lanes;
    }

    /**
     * Values {@code v} (a group's first) to {@code values} as 32-bit ints, by the scalar twin: the steps a whole
     * vector load would pass the end of {@code src} for. Tails go scalar, not through a padded or masked load: AVX2
     * has no masked byte loads (the JDK performs one lane by lane) and a padded array is a heap allocation per call,
     * which escape analysis missed (an allocation profile of a tenant search).
     */
    private static void scalarTail(MemorySegment src, long srcOffset, int bitWidth, long v, long values,
                                   MemorySegment dst, long dstOffset) {
        if (v < values) {
            ScalarKernels.INSTANCE.unpackInts(src, srcOffset + (v * bitWidth >>> 3), bitWidth, (int) ((values - v) >>> 3),
                    dst, dstOffset + 4 * v);
        }
    }

    @Override
    public void fillInts(MemorySegment dst, long dstOffset, int count, int value) {
        IntVector run = IntVector.broadcast(INTS, value);
        int lanes = INTS.length();
        int i = 0;
        for (; i <= count - lanes; i += lanes) run.intoMemorySegment(dst, dstOffset + 4L * i, NATIVE);
        if (i < count) run.intoMemorySegment(dst, dstOffset + 4L * i, NATIVE, INTS.indexInRange(i, count));
    }

    @Override
    public int countEqualUnlessAbove(MemorySegment levels, long offset, int count, int maxLevel) {
        ByteVector highest = ByteVector.zero(BYTES);
        byte max = (byte) maxLevel;
        int lanes = BYTES.length();
        int equal = 0;
        int i = 0;
        for (; i <= count - lanes; i += lanes) {
            ByteVector v = ByteVector.fromMemorySegment(BYTES, levels, offset + i, NATIVE);
            equal += v.compare(VectorOperators.EQ, max).trueCount();
            highest = highest.lanewise(VectorOperators.UMAX, v);
        }
        // the tail short of a vector: the scalar twin (see scalarTail)
        int tail = ScalarKernels.INSTANCE.countEqualUnlessAbove(levels, offset + i, count - i, maxLevel);
        return tail < 0 || highest.compare(VectorOperators.UGT, max).anyTrue() ? -1 : equal + tail;
    }

    @Override
    public int countEqual(MemorySegment levels, long offset, int count, int level) {
        byte value = (byte) level;
        int lanes = BYTES.length();
        int equal = 0;
        int i = 0;
        for (; i <= count - lanes; i += lanes) {
            equal += ByteVector.fromMemorySegment(BYTES, levels, offset + i, NATIVE).compare(VectorOperators.EQ, value).trueCount();
        }
        return equal + ScalarKernels.INSTANCE.countEqual(levels, offset + i, count - i, level);
    }

    @Override
    public void atLeast(MemorySegment levels, long offset, int count, int threshold, long[] words) {
        byte min = (byte) threshold;
        int lanes = BYTES.length();
        for (int i = 0; i < count; i += lanes) {
            long bits;
            if (i + lanes <= count) {
                bits = ByteVector.fromMemorySegment(BYTES, levels, offset + i, NATIVE).compare(VectorOperators.UGE, min).toLong();
            } else {
                // the tail short of a vector: the scalar twin (see scalarTail)
                bits = ScalarKernels.atLeastBits(levels, offset + i, count - i, threshold);
            }
            // lanes is 32 or 64, so a vector fills a whole word or an aligned half of one
            int word = i >>> 6;
            if ((i & 63) == 0) words[word] = bits;
            else words[word] |= bits << (i & 63);
        }
    }

    @Override
    public int firstOutOfRange(MemorySegment ints, long offset, int count, int size) {
        IntVector highest = IntVector.zero(INTS);
        int lanes = INTS.length();
        int i = 0;
        for (; i <= count - lanes; i += lanes) {
            highest = highest.lanewise(VectorOperators.UMAX, IntVector.fromMemorySegment(INTS, ints, offset + 4L * i, NATIVE));
        }
        if (i < count) {
            highest = highest.lanewise(VectorOperators.UMAX,
                    IntVector.fromMemorySegment(INTS, ints, offset + 4L * i, NATIVE, INTS.indexInRange(i, count)));
        }
        if (!highest.compare(VectorOperators.UGE, size).anyTrue()) return -1;
        // Only corrupt input (or size 0) gets here: find the first offender the plain way.
        return ScalarKernels.INSTANCE.firstOutOfRange(ints, offset, count, size);
    }

    /**
     * Where each lane of one step finds its value: {@code lanes} consecutive values of {@code bitWidth} bits,
     * the first being value {@code phase * lanes} of a group, read from the byte holding that value's first
     * bit. Lane {@code i} takes {@code laneBytes} bytes from the byte holding its value's first bit and
     * shifts right by that bit's offset in the byte.
     */
    private static final class UnpackPlan {
        final int[] indices = new int[VECTOR_BYTES];
        final long[] shifts;

        UnpackPlan(int lanes, int laneBytes, int bitWidth, int phase) {
            shifts = new long[lanes];
            long firstBit = (long) phase * lanes * bitWidth;
            for (int lane = 0; lane < lanes; lane++) {
                long bit = firstBit + (long) lane * bitWidth;
                int from = (int) ((bit >>> 3) - (firstBit >>> 3));
                shifts[lane] = bit & 7;
                int needed = (int) ((shifts[lane] + bitWidth + 7) >>> 3);
                for (int b = 0; b < laneBytes; b++) {
                    // bytes past those the value needs are masked off, and may lie past the vector: any will do
                    if (b < needed && from + b >= VECTOR_BYTES) throw new AssertionError("width " + bitWidth + " does not fit");
                    indices[lane * laneBytes + b] = Math.min(from + b, VECTOR_BYTES - 1);
                }
            }
        }

        VectorShuffle<Byte> shuffle() {
            return VectorShuffle.fromArray(BYTES, indices, 0);
        }

        short[] shortShifts() {
            short[] out = new short[shifts.length];
            for (int i = 0; i < shifts.length; i++) out[i] = (short) shifts[i];
            return out;
        }

        int[] intShifts() {
            int[] out = new int[shifts.length];
            for (int i = 0; i < shifts.length; i++) out[i] = (int) shifts[i];
            return out;
        }
    }
}
