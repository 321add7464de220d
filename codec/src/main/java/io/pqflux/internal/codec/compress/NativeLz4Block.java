package io.pqflux.internal.codec.compress;

import io.airlift.compress.v3.lz4.Lz4NativeDecompressor;
import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;

/**
 * liblz4's {@code LZ4_decompress_safe} through aircompressor's FFM binding. That function never reads outside
 * its input nor writes outside its output, whatever the bytes, and aircompressor passes it both segments'
 * sizes; they are checked here to fit its int parameters. Native segments only.
 */
final class NativeLz4Block implements Lz4Block {

    private final Lz4NativeDecompressor decompressor = new Lz4NativeDecompressor();

    static boolean isAvailable() {
        return Lz4NativeDecompressor.isEnabled();
    }

    @Override
    public long decode(MemorySegment block, MemorySegment output) {
        if (block.byteSize() > Integer.MAX_VALUE || output.byteSize() > Integer.MAX_VALUE) {
            throw new CorruptFileException("block of " + block.byteSize() + " bytes decoding to up to "
                    + output.byteSize() + " bytes exceeds the 2 GiB limit of a page");
        }
        try {
            return decompressor.decompress(block, output);
        } catch (RuntimeException e) {
            // liblz4 reports every problem, malformed input or output too small, as one negative result
            throw new CorruptFileException("invalid block of " + block.byteSize() + " bytes, or it decodes to more than "
                    + output.byteSize() + " bytes (" + e.getMessage() + ")", e);
        }
    }
}
