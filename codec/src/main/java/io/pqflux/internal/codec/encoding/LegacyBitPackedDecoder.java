package io.pqflux.internal.codec.encoding;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The deprecated BIT_PACKED level encoding: values packed MSB-first with no header, the opposite bit
 * order of the hybrid encoding's bit-packed runs.
 */
public final class LegacyBitPackedDecoder {

    private LegacyBitPackedDecoder() {}

    /**
     * Decodes values {@code firstValue .. firstValue + count - 1} of {@code bitWidth} (0..8) bits, of those packed
     * from {@code offset}, to one byte each. Returns the bytes from {@code offset} up to the end of the last one.
     */
    public static long decodeBytes(MemorySegment src, long offset, long limit, int bitWidth, long firstValue, int count,
            MemorySegment dst, long dstOffset) {
        InputBounds.requireCount("BIT_PACKED", count);
        long size = requireBytes(src, offset, limit, bitWidth, firstValue + count);
        int mask = (1 << bitWidth) - 1;
        for (int i = 0; i < count; i++) {
            long bit = (firstValue + i) * bitWidth;
            long at = offset + (bit >>> 3);
            int shift = (int) (bit & 7);
            // A value of up to 8 bits straddles at most two bytes; read the second only when it does, as
            // it may lie past the limit otherwise.
            int window = (src.get(ValueLayout.JAVA_BYTE, at) & 0xFF) << 8;
            if (shift + bitWidth > 8) window |= src.get(ValueLayout.JAVA_BYTE, at + 1) & 0xFF;
            dst.set(ValueLayout.JAVA_BYTE, dstOffset + i, (byte) ((window >>> (16 - shift - bitWidth)) & mask));
        }
        return size;
    }

    /**
     * The bytes {@code count} values of {@code bitWidth} (0..8) bits take from {@code offset}, checked to lie before
     * {@code limit}: where the next section of a page starts.
     */
    public static long requireBytes(MemorySegment src, long offset, long limit, int bitWidth, long count) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        if (bitWidth < 0 || bitWidth > 8) throw new IllegalArgumentException("bit width " + bitWidth + " outside 0..8");
        long size = Math.ceilDiv(count * bitWidth, 8);
        if (!InputBounds.fits(offset, limit, size)) {
            throw InputBounds.missing("BIT_PACKED: " + count + " values of " + bitWidth + " bits", offset, limit, size);
        }
        return size;
    }
}
