package io.pqflux.codec.encoding;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A DELTA_BINARY_PACKED stream of byte-array lengths, as DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY store
 * them, decoded and checked: exactly one non-negative length per value.
 *
 * @param lengths the lengths as little-endian ints, on the heap: the count is the page's, which the caller
 *                already sized its own buffers for
 * @param end     the offset just past the stream
 */
record LengthStream(MemorySegment lengths, int count, long end) {

    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static LengthStream read(String encoding, String what, MemorySegment src, long offset, long limit, int count) {
        InputBounds.requireCount(encoding, count);
        DeltaBinaryPackedDecoder decoder = DeltaBinaryPackedDecoder.forInts(src, offset, limit);
        if (decoder.totalCount() != count) {
            throw new CorruptFileException(encoding + ": " + what + " stream at offset " + offset + " holds "
                    + decoder.totalCount() + " values but the page has " + count);
        }
        MemorySegment lengths = MemorySegment.ofArray(new int[count]);
        decoder.readInts(count, lengths, 0);
        for (int i = 0; i < count; i++) {
            int length = lengths.get(INT_LE, 4L * i);
            if (length < 0) throw new CorruptFileException(encoding + ": value " + i + " has negative " + what + " " + length);
        }
        return new LengthStream(lengths, count, decoder.position());
    }

    int get(int index) {
        return lengths.get(INT_LE, 4L * index);
    }

    /** The sum of the lengths, checked to fit in the bytes between the stream's end and {@code limit}. */
    long requireBytesAfter(String encoding, long limit) {
        long total = 0;
        for (int i = 0; i < count; i++) total += get(i);
        if (total > limit - end) {
            throw new CorruptFileException(encoding + ": lengths add up to " + total + " bytes but only "
                    + (limit - end) + " follow them at offset " + end);
        }
        return total;
    }
}
