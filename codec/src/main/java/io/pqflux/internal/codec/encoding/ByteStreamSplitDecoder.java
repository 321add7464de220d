package io.pqflux.internal.codec.encoding;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * BYTE_STREAM_SPLIT: for values of K bytes, K streams of N bytes each, stream k holding byte k of every
 * value. The streams fill the page to its end, so N is the page's byte count divided by K, which may
 * exceed the number of values asked for.
 */
public final class ByteStreamSplitDecoder {

    private ByteStreamSplitDecoder() {}

    /**
     * Reassembles the first {@code count} values of {@code width} bytes from the streams that fill
     * {@code [offset, limit)} and writes them back to back, in PLAIN layout, to {@code dst}. Returns the
     * bytes consumed: all of them.
     */
    public static long decode(MemorySegment src, long offset, long limit, int width, int count,
            MemorySegment dst, long dstOffset) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        InputBounds.requireCount("BYTE_STREAM_SPLIT", count);
        if (width <= 0) throw new IllegalArgumentException("value width " + width);
        long size = limit - offset;
        if (size % width != 0) {
            throw new CorruptFileException("BYTE_STREAM_SPLIT: " + size + " bytes at offset " + offset
                    + " do not split into streams of " + width + "-byte values");
        }
        long stride = size / width;
        if (count > stride) {
            throw new CorruptFileException("BYTE_STREAM_SPLIT: " + count + " values of " + width + " bytes need "
                    + (long) count * width + " bytes but only " + size + " remain at offset " + offset);
        }
        for (int k = 0; k < width; k++) {
            long stream = offset + k * stride;
            long out = dstOffset + k;
            for (int i = 0; i < count; i++) {
                dst.set(ValueLayout.JAVA_BYTE, out + (long) i * width, src.get(ValueLayout.JAVA_BYTE, stream + i));
            }
        }
        return size;
    }
}
