package io.pqflux.internal.codec.encoding;

import io.pqflux.error.CorruptFileException;
import io.pqflux.internal.codec.simd.LevelKernels;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * The byte-array lengths of DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY: a DELTA_BINARY_PACKED INT32
 * stream holding exactly one non-negative length per value. Lengths are decoded in small chunks, so no
 * buffer grows with the count a page declares. Not thread-safe.
 */
final class LengthStream {
    /** Lengths decoded at once: a DELTA_BINARY_PACKED block's worth, as writers make them (128 values). */
    private static final int CHUNK = 128;
    /**
     * Whether the decoder's little-endian ints read back from the chunk's array as they are: a length is then a plain
     * array load (through the segment, the access checks were most of the 6-8% of a tenant search's samples spent here).
     */
    private static final boolean LITTLE_ENDIAN_ARRAYS = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final String encoding;
    private final String what;
    private final DeltaBinaryPackedDecoder decoder;
    private final int count;
    /** Lengths decoded ahead; made on the first {@link #next}, no longer than the stream: many are only skipped. */
    private int[] chunk;
    /** {@link #chunk} as the decoder writes it. */
    private MemorySegment chunkSegment;
    private int decoded;
    private int buffered;
    private int next;

    private LengthStream(String encoding, String what, MemorySegment src, long offset, long limit, int count,
                         LevelKernels kernels) {
        this.encoding = encoding;
        this.what = what;
        this.decoder = DeltaBinaryPackedDecoder.forInts(src, offset, limit, kernels);
        this.count = count;
    }

    /** Opens the stream at {@code offset}, which must hold exactly {@code count} lengths, as writers store one per value. */
    static LengthStream open(String encoding, String what, MemorySegment src, long offset, long limit, int count,
                             LevelKernels kernels) {
        InputBounds.requireCount(encoding, count);
        LengthStream stream = new LengthStream(encoding, what, src, offset, limit, count, kernels);
        if (stream.decoder.totalCount() != count) {
            throw new CorruptFileException(encoding + ": " + what + " stream at offset " + offset + " holds "
                    + stream.decoder.totalCount() + " values but the page has " + count);
        }
        return stream;
    }

    /** The next length. */
    int next() {
        if (next == buffered) {
            // callers ask for one length per value
            if (decoded == count) throw new IllegalStateException(encoding + ": " + what + " stream read past its " + count + " lengths");
            if (chunk == null) {
                chunk = new int[Math.min(CHUNK, count)];
                chunkSegment = MemorySegment.ofArray(chunk);
            }
            buffered = Math.min(CHUNK, count - decoded);
            decoder.readInts(buffered, chunkSegment, 0);
            decoded += buffered;
            next = 0;
        }
        int length = LITTLE_ENDIAN_ARRAYS ? chunk[next] : Integer.reverseBytes(chunk[next]);
        if (length < 0) {
            throw new CorruptFileException(encoding + ": value " + (decoded - buffered + next) + " has negative " + what + " " + length);
        }
        next++;
        return length;
    }

    /** The offset just past the stream, skipping what has not been read; the stream is spent afterwards. */
    long skipRest() {
        return decoder.skipRest();
    }
}
