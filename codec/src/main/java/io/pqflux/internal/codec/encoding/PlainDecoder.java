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
        InputBounds.require("PLAIN: " + count + " values of " + width + " bytes", offset, limit, size);
        MemorySegment.copy(src, offset, dst, dstOffset, size);
        return size;
    }

    /** Expands {@code count} LSB-first packed booleans to one byte 0 or 1 each. Returns the bytes consumed. */
    public static long decodeBooleans(MemorySegment src, long offset, long limit, int count,
            MemorySegment dst, long dstOffset) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        InputBounds.requireCount("PLAIN BOOLEAN", count);
        long size = Math.ceilDiv(count, 8);
        InputBounds.require("PLAIN BOOLEAN: " + count + " values", offset, limit, size);
        for (int i = 0; i < count; i++) {
            int packed = src.get(ValueLayout.JAVA_BYTE, offset + (i >>> 3));
            dst.set(ValueLayout.JAVA_BYTE, dstOffset + i, (byte) ((packed >>> (i & 7)) & 1));
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
            InputBounds.require("PLAIN BYTE_ARRAY: length of value " + i, pos, limit, 4);
            int length = src.get(LittleEndian.INT, pos);
            pos += 4;
            if (length < 0 || length > limit - pos) {
                throw new CorruptFileException("PLAIN BYTE_ARRAY: value " + i + " at offset " + (pos - 4)
                        + " declares length " + length + " but only " + (limit - pos) + " bytes remain");
            }
            MemorySegment.copy(src, pos, data, end, length);
            pos += length;
            end += length;
            offsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, firstIndex + i + 1, end);
        }
        return pos - offset;
    }
}
