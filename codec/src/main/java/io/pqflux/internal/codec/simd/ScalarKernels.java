package io.pqflux.internal.codec.simd;

import io.pqflux.internal.codec.encoding.LittleEndian;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The reference kernels: plain loops, what every JVM runs when the Vector API is unavailable or switched
 * off. The static methods also serve the values of a bit-packed run outside whole groups (a read split
 * inside a group, a run cut short by the end of the input) for both kernel sets.
 */
public final class ScalarKernels implements LevelKernels {

    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public void unpackBytes(MemorySegment src, long srcOffset, int bitWidth, int groups, MemorySegment dst, long dstOffset) {
        long limit = src.byteSize();
        long mask = (1L << bitWidth) - 1;
        for (int g = 0; g < groups; g++) {
            // A group's bitWidth bytes hold its 8 values; spread them to the 8 bytes of one long.
            long packed = window(src, srcOffset + (long) g * bitWidth, limit);
            long spread = 0;
            for (int j = 0; j < 8; j++) spread |= ((packed >>> (j * bitWidth)) & mask) << (8 * j);
            dst.set(LittleEndian.LONG, dstOffset + 8L * g, spread);
        }
    }

    @Override
    public void unpackInts(MemorySegment src, long srcOffset, int bitWidth, int groups, MemorySegment dst, long dstOffset) {
        long limit = src.byteSize();
        long mask = (1L << bitWidth) - 1;
        int values = groups * 8;
        int i = 0;
        // while a whole 8-byte window from each value's first byte lies inside src, without checking each
        for (long bit = 0; i < values && srcOffset + (bit >>> 3) + 8 <= limit; i++, bit += bitWidth) {
            long packed = src.get(LittleEndian.LONG, srcOffset + (bit >>> 3));
            dst.set(ValueLayout.JAVA_INT_UNALIGNED, dstOffset + 4L * i, (int) ((packed >>> (bit & 7)) & mask));
        }
        unpackInts(src, srcOffset, limit, bitWidth, i, values - i, dst, dstOffset + 4L * i);
    }

    @Override
    public void fillInts(MemorySegment dst, long dstOffset, int count, int value) {
        for (int i = 0; i < count; i++) dst.set(ValueLayout.JAVA_INT_UNALIGNED, dstOffset + 4L * i, value);
    }

    @Override
    public int countEqualUnlessAbove(MemorySegment levels, long offset, int count, int maxLevel) {
        int equal = 0;
        int above = 0;
        // branch-free sign-bit arithmetic (levels and maxLevel are 0..255), which C2 can vectorise
        for (int i = 0; i < count; i++) {
            int level = levels.get(ValueLayout.JAVA_BYTE, offset + i) & 0xFF;
            equal += ((level ^ maxLevel) - 1) >>> 31;
            above |= maxLevel - level;
        }
        return above < 0 ? -1 : equal;
    }

    @Override
    public int countEqual(MemorySegment levels, long offset, int count, int level) {
        int equal = 0;
        for (int i = 0; i < count; i++) equal += (((levels.get(ValueLayout.JAVA_BYTE, offset + i) & 0xFF) ^ level) - 1) >>> 31;
        return equal;
    }

    @Override
    public void atLeast(MemorySegment levels, long offset, int count, int threshold, long[] words) {
        for (int w = 0; w << 6 < count; w++) {
            int base = w << 6;
            words[w] = atLeastBits(levels, offset + base, Math.min(64, count - base), threshold);
        }
    }

    /** Bit {@code b} set where level {@code b} of the {@code n} (at most 64) from {@code offset} is at least {@code threshold}. */
    static long atLeastBits(MemorySegment levels, long offset, int n, int threshold) {
        long word = 0;
        for (int b = 0; b < n; b++) {
            long set = (levels.get(ValueLayout.JAVA_BYTE, offset + b) & 0xFF) >= threshold ? 1 : 0;
            word |= set << b;
        }
        return word;
    }

    @Override
    public int firstOutOfRange(MemorySegment ints, long offset, int count, int size) {
        for (int i = 0; i < count; i++) {
            if (Integer.compareUnsigned(ints.get(ValueLayout.JAVA_INT_UNALIGNED, offset + 4L * i), size) >= 0) return i;
        }
        return -1;
    }

    /**
     * Writes values {@code first .. first+count-1} of the bit-packed run starting at byte {@code runStart} as
     * native ints. The caller guarantees the bytes holding those values lie below {@code limit}.
     */
    public static void unpackInts(MemorySegment src, long runStart, long limit, int bitWidth, long first, int count,
            MemorySegment dst, long dstOffset) {
        long mask = (1L << bitWidth) - 1;
        for (int i = 0; i < count; i++) {
            dst.set(ValueLayout.JAVA_INT_UNALIGNED, dstOffset + 4L * i, (int) value(src, runStart, limit, bitWidth, mask, first + i));
        }
    }

    /** As {@link #unpackInts(MemorySegment, long, long, int, long, int, MemorySegment, long)} for bit widths up to 8, one byte per value. */
    public static void unpackBytes(MemorySegment src, long runStart, long limit, int bitWidth, long first, int count,
            MemorySegment dst, long dstOffset) {
        long mask = (1L << bitWidth) - 1;
        for (int i = 0; i < count; i++) {
            dst.set(ValueLayout.JAVA_BYTE, dstOffset + i, (byte) value(src, runStart, limit, bitWidth, mask, first + i));
        }
    }

    /**
     * A value starts at most 7 bits into its first byte and spans at most 32 bits, so one 64-bit
     * little-endian window holds it. The caller's guarantee means bytes missing near the limit only ever
     * hold bits past the value.
     */
    private static long value(MemorySegment src, long runStart, long limit, int bitWidth, long mask, long index) {
        long bit = index * bitWidth;
        return (window(src, runStart + (bit >>> 3), limit) >>> (bit & 7)) & mask;
    }

    /**
     * The 8 bytes from {@code at} as a little-endian long; near {@code limit} only the bytes below it, the
     * missing high bytes reading as zero.
     */
    public static long window(MemorySegment src, long at, long limit) {
        if (limit - at >= 8) return src.get(LittleEndian.LONG, at);
        long window = 0;
        for (long b = at; b < limit; b++) window |= (src.get(ValueLayout.JAVA_BYTE, b) & 0xFFL) << (8 * (b - at));
        return window;
    }
}
