package io.pqflux.internal.codec.encoding;

import io.pqflux.error.CorruptFileException;
import io.pqflux.internal.codec.simd.LevelKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * DELTA_LENGTH_BYTE_ARRAY: the lengths of all values as one DELTA_BINARY_PACKED INT32 stream, then the
 * values' bytes back to back — already the layout of the output, so the bytes move in one copy.
 */
public final class DeltaLengthByteArrayDecoder {

    private static final String ENCODING = "DELTA_LENGTH_BYTE_ARRAY";

    private DeltaLengthByteArrayDecoder() {}

    /**
     * Decodes {@code count} values into {@code data} from {@code dataStart} on and their end offsets into the
     * native-order longs {@code offsets[firstIndex+1 .. firstIndex+count]}, the layout of
     * {@link PlainDecoder#decodeByteArrays}; {@code offsets[firstIndex]} must already hold {@code dataStart}.
     * {@code data} must have room for {@code limit - offset} bytes from {@code dataStart}. Returns the bytes consumed.
     */
    public static long decode(MemorySegment src, long offset, long limit, int count,
            MemorySegment offsets, long firstIndex, MemorySegment data, long dataStart, LevelKernels kernels) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        LengthStream lengths = LengthStream.open(ENCODING, "length", src, offset, limit, count, kernels);
        long end = dataStart;
        for (int i = 0; i < count; i++) {
            end += lengths.next();
            offsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, firstIndex + i + 1, end);
        }
        long total = end - dataStart;
        long bytesAt = lengths.end();
        // the offsets written so far are only trusted once the bytes they point at are known to exist
        if (total > limit - bytesAt) {
            throw new CorruptFileException(ENCODING + ": lengths add up to " + total + " bytes but only "
                    + (limit - bytesAt) + " follow them at offset " + bytesAt);
        }
        MemorySegment.copy(src, bytesAt, data, dataStart, total);
        return bytesAt + total - offset;
    }
}
