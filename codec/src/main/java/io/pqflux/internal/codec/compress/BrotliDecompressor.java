package io.pqflux.internal.codec.compress;

import io.pqflux.error.CorruptFileException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.brotli.dec.BrotliInputStream;

/**
 * BROTLI pages, decoded by Google's pure-Java decoder ({@code org.brotli:dec}). Brotli has no useful
 * bound on its expansion (a few KiB legitimately decode to gigabytes), so the output grows with the bytes
 * actually decoded, up to the declared size, instead of being reserved from the page header.
 */
final class BrotliDecompressor implements Decompressor {

    private static final int CHUNK = 64 * 1024;
    private static final long MIN_INITIAL_OUTPUT = 64 * 1024;
    private static final long INITIAL_RATIO = 4;

    /** The decoder's stream API hands out heap bytes; they move to the output segment from here. */
    private final byte[] chunk = new byte[CHUNK];

    @Override
    public String name() {
        return "brotli";
    }

    @Override
    public void decompress(MemorySegment input, MemorySegment output) {
        // the fixed output already has the declared size, so it never needs to grow
        decompress(input, output.byteSize(), (required, used) -> output);
    }

    @Override
    public MemorySegment decompress(MemorySegment input, long declaredSize, GrowableOutput output) {
        if (input.byteSize() == 0) {
            if (declaredSize == 0) return output.ensureCapacity(0, 0).asSlice(0, 0);
            throw new CorruptFileException("brotli: declared uncompressed size " + declaredSize + " but stream is empty");
        }
        long capacity = Math.min(declaredSize, Math.max(MIN_INITIAL_OUTPUT, Decompressors.saturatedMultiply(input.byteSize(), INITIAL_RATIO)));
        MemorySegment target = output.ensureCapacity(capacity, 0);
        long produced = 0;
        // The decoder holds only heap state, so the stream needs no closing.
        InputStream stream = decoding(input, () -> new BrotliInputStream(new SegmentInputStream(input)), 0);
        for (int n = read(stream, input, produced); n >= 0; n = read(stream, input, produced)) {
            if (n > declaredSize - produced) {
                throw new CorruptFileException("brotli: stream holds more than the declared uncompressed size " + declaredSize);
            }
            if (produced + n > target.byteSize()) {
                long grown = Math.min(declaredSize, Math.max(produced + n, Decompressors.saturatedMultiply(target.byteSize(), 2)));
                target = output.ensureCapacity(grown, produced);
            }
            MemorySegment.copy(chunk, 0, target, ValueLayout.JAVA_BYTE, produced, n);
            produced += n;
        }
        if (produced != declaredSize) {
            throw new CorruptFileException("brotli: declared uncompressed size " + declaredSize + " but stream holds " + produced);
        }
        return target.asSlice(0, declaredSize);
    }

    private int read(InputStream stream, MemorySegment input, long produced) {
        return decoding(input, () -> stream.read(chunk), produced);
    }

    private interface DecoderCall<T> {
        T call() throws IOException;
    }

    /**
     * Runs a call into the decoder, which reports bad input as IOException or, from its internals, as
     * runtime exceptions: both mean the stream is corrupt.
     */
    private static <T> T decoding(MemorySegment input, DecoderCall<T> call, long produced) {
        try {
            return call.call();
        } catch (IOException | RuntimeException e) {
            throw new CorruptFileException("brotli: invalid stream of " + input.byteSize() + " bytes after "
                    + produced + " decoded bytes (" + e.getMessage() + ")", e);
        }
    }

    /** Unbounded: the output grows with what the stream produces. */
    @Override
    public long maxOutputSize(long inputSize) {
        return Long.MAX_VALUE;
    }

    /** The compressed page as an InputStream, read in place. */
    private static final class SegmentInputStream extends InputStream {

        private final MemorySegment segment;
        private long position;

        SegmentInputStream(MemorySegment segment) {
            this.segment = segment;
        }

        @Override
        public int read() {
            return position < segment.byteSize() ? segment.get(ValueLayout.JAVA_BYTE, position++) & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            long remaining = segment.byteSize() - position;
            if (remaining <= 0) return length == 0 ? 0 : -1;
            int n = (int) Math.min(length, remaining);
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
