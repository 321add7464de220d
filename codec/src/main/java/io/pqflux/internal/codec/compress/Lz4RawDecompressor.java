package io.pqflux.internal.codec.compress;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;

/** LZ4_RAW pages: a single LZ4 block without any framing. */
final class Lz4RawDecompressor implements Decompressor {

    private final Lz4Block block;

    Lz4RawDecompressor(Lz4Block block) {
        this.block = block;
    }

    /**
     * An LZ4 sequence's match length grows by 255 per extra input byte, after a token and a 2-byte offset
     * that already buy 19 bytes; literals never expand. So no block yields more than 255 bytes per input byte.
     */
    static final long MAX_RATIO = 255;

    @Override
    public String name() {
        return "lz4_raw";
    }

    @Override
    public void decompress(MemorySegment input, MemorySegment output) {
        try {
            decodeBlock(block, input, output);
        } catch (CorruptFileException e) {
            throw new CorruptFileException(name() + ": " + e.reason(), e);
        }
    }

    /** Decodes one block that must fill {@code output} exactly; messages name no codec, callers prefix theirs. */
    static void decodeBlock(Lz4Block block, MemorySegment input, MemorySegment output) {
        long declared = output.byteSize();
        // A V2 page with no value bytes may be stored as nothing at all, not even an empty block's token.
        if (input.byteSize() == 0) {
            if (declared == 0) return;
            throw new CorruptFileException("declared uncompressed size " + declared + " but stream is empty");
        }
        long written = block.decode(input, output);
        if (written != declared) {
            throw new CorruptFileException("declared uncompressed size " + declared + " but stream holds " + written);
        }
    }

    @Override
    public long maxOutputSize(long inputSize) {
        return Decompressors.saturatedMultiply(inputSize, MAX_RATIO);
    }
}
