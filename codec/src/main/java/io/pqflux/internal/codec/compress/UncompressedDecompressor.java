package io.pqflux.internal.codec.compress;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;

/** UNCOMPRESSED pages: the declared size must equal the stored size. */
final class UncompressedDecompressor implements Decompressor {

    @Override
    public String name() {
        return "uncompressed";
    }

    @Override
    public void decompress(MemorySegment input, MemorySegment output) {
        if (input.byteSize() != output.byteSize()) {
            throw new CorruptFileException("uncompressed: declared uncompressed size " + output.byteSize()
                    + " but page holds " + input.byteSize() + " bytes");
        }
        MemorySegment.copy(input, 0, output, 0, input.byteSize());
    }

    @Override
    public long maxOutputSize(long inputSize) {
        return inputSize;
    }
}
