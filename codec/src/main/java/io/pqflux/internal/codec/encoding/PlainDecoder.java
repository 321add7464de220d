package io.pqflux.internal.codec.encoding;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The PLAIN encoding: fixed-width values back to back, booleans bit-packed, byte arrays length-prefixed. */
public final class PlainDecoder {

    private PlainDecoder() {}

    /**
     * Copies {@code count} values of {@code width} bytes (INT32, INT64, INT96, FLOAT, DOUBLE,
     * FIXED_LEN_BYTE_ARRAY); Parquet's little-endian layout is kept as is. Returns the bytes consumed.
     */
    public static long decodeFixed(MemorySegment src, long offset, long limit, int width, int count,
            MemorySegment dst, long dstOffset) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        InputBounds.requireCount("PLAIN", count);
        long size = (long) width * count;
        if (!InputBounds.fits(offset, limit, size)) {
            throw InputBounds.missing("PLAIN: " + count + " values of " + width + " bytes", offset, limit, size);
        }
        MemorySegment.copy(src, offset, dst, dstOffset, size);
        return size;
    }

    /**
     * Expands {@code count} LSB-first packed booleans, starting with value {@code firstValue} of those packed from
     * {@code offset} (a read may start inside a byte), to one byte 0 or 1 each. Returns the bytes from
     * {@code offset} up to the end of the last value's byte.
     */
    public static long decodeBooleans(MemorySegment src, long offset, long limit, long firstValue, int count,
            MemorySegment dst, long dstOffset) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        InputBounds.requireCount("PLAIN BOOLEAN", count);
        long size = Math.ceilDiv(firstValue + count, 8);
        if (!InputBounds.fits(offset, limit, size)) {
            throw InputBounds.missing("PLAIN BOOLEAN: " + count + " values", offset, limit, size);
        }
        for (int i = 0; i < count; i++) {
            long bit = firstValue + i;
            int packed = src.get(ValueLayout.JAVA_BYTE, offset + (bit >>> 3));
            dst.set(ValueLayout.JAVA_BYTE, dstOffset + i, (byte) ((packed >>> (bit & 7)) & 1));
        }
        return size;
    }

    /**
     * Decodes {@code count} BYTE_ARRAY values ({@code [int32 length][bytes]} each) into {@code data} from
     * {@code dataStart} on, and their end offsets into the native-order longs {@code offsets[firstIndex+1 ..
     * firstIndex+count]}; {@code offsets[firstIndex]} must already hold {@code dataStart}. {@code data} must
     * have room for {@code limit - offset} bytes from {@code dataStart}. Returns the bytes consumed.
     */
    public static long decodeByteArrays(MemorySegment src, long offset, long limit, int count,
            MemorySegment offsets, long firstIndex, MemorySegment data, long dataStart) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        InputBounds.requireCount("PLAIN BYTE_ARRAY", count);
        long pos = offset;
        long end = dataStart;
        for (int i = 0; i < count; i++) {
            int length = length(src, pos, limit, i);
            pos += 4;
            MemorySegment.copy(src, pos, data, end, length);
            pos += length;
            end += length;
            offsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, firstIndex + i + 1, end);
        }
        return pos - offset;
    }

    /** Moves past {@code count} BYTE_ARRAY values, reading only their lengths. Returns the bytes they take. */
    public static long skipByteArrays(MemorySegment src, long offset, long limit, int count) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        InputBounds.requireCount("PLAIN BYTE_ARRAY", count);
        long pos = offset;
        for (int i = 0; i < count; i++) pos += 4 + length(src, pos, limit, i);
        return pos - offset;
    }

    /** The length prefix of value {@code index} at {@code pos}, checked to leave its bytes within the limit. */
    private static int length(MemorySegment src, long pos, long limit, int index) {
        if (!InputBounds.fits(pos, limit, 4)) {
            throw InputBounds.missing("PLAIN BYTE_ARRAY: length of value " + index, pos, limit, 4);
        }
        int length = src.get(LittleEndian.INT, pos);
        if (length < 0 || length > limit - pos - 4) {
            throw new CorruptFileException("PLAIN BYTE_ARRAY: value " + index + " at offset " + pos
                    + " declares length " + length + " but only " + (limit - pos - 4) + " bytes remain");
        }
        return length;
    }
}
