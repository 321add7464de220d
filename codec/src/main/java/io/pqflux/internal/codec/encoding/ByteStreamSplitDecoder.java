package io.pqflux.internal.codec.encoding;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * BYTE_STREAM_SPLIT: for values of K bytes, K streams of N bytes each, stream k holding byte k of every
 * value. The streams fill the page to its end, so N is the page's byte count divided by K, which may
 * exceed the number of values asked for. Any run of values can be read without the ones before it.
 */
public final class ByteStreamSplitDecoder {

    private ByteStreamSplitDecoder() {}

    /**
     * Reassembles values {@code firstValue .. firstValue + count - 1} of {@code width} bytes from the streams
     * that fill {@code [offset, limit)} and writes them back to back, in PLAIN layout, to {@code dst}. Returns
     * the bytes the streams take: all of them.
     */
    public static long decode(MemorySegment src, long offset, long limit, int width, int firstValue, int count,
            MemorySegment dst, long dstOffset) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        InputBounds.requireCount("BYTE_STREAM_SPLIT", count);
        if (width <= 0) throw new IllegalArgumentException("value width " + width);
        if (firstValue < 0) throw new IllegalArgumentException("first value " + firstValue);
        long size = limit - offset;
        if (size % width != 0) {
            throw new CorruptFileException("BYTE_STREAM_SPLIT: " + size + " bytes at offset " + offset
                    + " do not split into streams of " + width + "-byte values");
        }
        long stride = size / width;
        long values = (long) firstValue + count;
        if (values > stride) {
            throw new CorruptFileException("BYTE_STREAM_SPLIT: " + values + " values of " + width + " bytes need "
                    + values * width + " bytes but only " + size + " remain at offset " + offset);
        }
        for (int k = 0; k < width; k++) {
            long stream = offset + k * stride + firstValue;
            long out = dstOffset + k;
            for (int i = 0; i < count; i++) {
                dst.set(ValueLayout.JAVA_BYTE, out + (long) i * width, src.get(ValueLayout.JAVA_BYTE, stream + i));
            }
        }
        return size;
    }
}
