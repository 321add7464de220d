package io.pqflux.internal.codec.encoding;

import io.pqflux.error.CorruptFileException;
import io.pqflux.internal.codec.compress.GrowableOutput;
import io.pqflux.internal.codec.simd.LevelKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * DELTA_LENGTH_BYTE_ARRAY: the lengths of all values as one DELTA_BINARY_PACKED INT32 stream, then the
 * values' bytes back to back — already the layout of the output, so each read moves its bytes in one copy.
 * Reads and skips can be split across calls. Not thread-safe.
 */
public final class DeltaLengthByteArrayDecoder {

    private static final String ENCODING = "DELTA_LENGTH_BYTE_ARRAY";

    private final MemorySegment src;
    private final long limit;
    private final int count;
    private final LengthStream lengths;
    /** Where the next value's bytes start. */
    private long bytesAt;
    private int consumed;

    private DeltaLengthByteArrayDecoder(MemorySegment src, long limit, int count, LengthStream lengths, long bytesAt) {
        this.src = src;
        this.limit = limit;
        this.count = count;
        this.lengths = lengths;
        this.bytesAt = bytesAt;
    }

    /**
     * Opens the {@code count} values at {@code offset}: finds where their bytes start (past the length stream,
     * whose miniblocks are walked, not decoded) and opens the lengths for reading.
     */
    public static DeltaLengthByteArrayDecoder open(MemorySegment src, long offset, long limit, int count,
            LevelKernels kernels) {
        InputBounds.checkRange(src.byteSize(), offset, limit);
        long bytesAt = LengthStream.open(ENCODING, "length", src, offset, limit, count, kernels).skipRest();
        LengthStream lengths = LengthStream.open(ENCODING, "length", src, offset, limit, count, kernels);
        return new DeltaLengthByteArrayDecoder(src, limit, count, lengths, bytesAt);
    }

    /**
     * Decodes the next {@code n} values into {@code data} from {@code dataStart} on and their end offsets into the
     * native-order longs {@code offsets[firstIndex+1 .. firstIndex+n]}, the layout of
     * {@link PlainDecoder#decodeByteArrays}; {@code offsets[firstIndex]} must already hold {@code dataStart}.
     * {@code data} is asked for room once, when the lengths have told how much.
     */
    public void read(int n, MemorySegment offsets, long firstIndex, GrowableOutput data, long dataStart) {
        requireRemaining(n);
        long end = dataStart;
        for (int i = 0; i < n; i++) {
            end += lengths.next();
            offsets.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, firstIndex + i + 1, end);
        }
        long total = end - dataStart;
        // the offsets written so far are only trusted once the bytes they point at are known to exist
        requireBytes(total);
        MemorySegment.copy(src, bytesAt, data.ensureCapacity(end, dataStart), dataStart, total);
        bytesAt += total;
        consumed += n;
    }

    /** Moves past the next {@code n} values: their lengths are decoded, their bytes not touched. */
    public void skip(int n) {
        requireRemaining(n);
        long total = 0;
        for (int i = 0; i < n; i++) total += lengths.next();
        requireBytes(total);
        bytesAt += total;
        consumed += n;
    }

    private void requireRemaining(int n) {
        InputBounds.requireCount(ENCODING, n);
        if (n > count - consumed) {
            throw new IllegalArgumentException(n + " values asked for but " + (count - consumed) + " remain");
        }
    }

    private void requireBytes(long total) {
        if (total > limit - bytesAt) {
            throw new CorruptFileException(ENCODING + ": lengths add up to " + total + " bytes but only "
                    + (limit - bytesAt) + " follow them at offset " + bytesAt);
        }
    }
}
