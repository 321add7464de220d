package io.pqflux.codec.encoding;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Unpacks runs of {@code bitWidth}-bit values packed LSB-first, the bit order of Parquet's RLE/bit-packed
 * hybrid. Kept apart from the run logic so a vectorised twin can replace exactly this loop.
 */
final class BitUnpacker {

    private BitUnpacker() {}

    /**
     * Writes values {@code first .. first+count-1} of the run starting at byte {@code runStart} as native
     * ints. The caller guarantees the bytes holding those values lie below {@code limit}.
     */
    static void unpackInts(MemorySegment src, long runStart, long limit, int bitWidth, long first, int count,
            MemorySegment dst, long dstOffset) {
        long mask = (1L << bitWidth) - 1;
        for (int i = 0; i < count; i++) {
            dst.set(ValueLayout.JAVA_INT_UNALIGNED, dstOffset + 4L * i, (int) value(src, runStart, limit, bitWidth, mask, first + i));
        }
    }

    /** As {@link #unpackInts} for bit widths of at most 8, one byte per value. */
    static void unpackBytes(MemorySegment src, long runStart, long limit, int bitWidth, long first, int count,
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
    static long window(MemorySegment src, long at, long limit) {
        if (limit - at >= 8) return src.get(LittleEndian.LONG, at);
        long window = 0;
        for (long b = at; b < limit; b++) window |= (src.get(ValueLayout.JAVA_BYTE, b) & 0xFFL) << (8 * (b - at));
        return window;
    }
}
