package io.pqflux.internal.codec.compress;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The deprecated LZ4 codec id. parquet-java wrote it through Hadoop's codec, which frames the data as
 * blocks of {@code <big-endian int32 uncompressed length> <big-endian int32 compressed length> <LZ4 block>};
 * other writers stored one raw LZ4 block. The framing is tried first and used only when it accounts for
 * every input byte and every declared output byte; otherwise the page is decoded as a raw block. A raw
 * block that happened to parse as exact framing would have to decode, block by block, to exactly the
 * declared size as well.
 */
final class Lz4HadoopDecompressor implements Decompressor {

    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int FRAME_HEADER = 8;

    private final Lz4Block block;

    Lz4HadoopDecompressor(Lz4Block block) {
        this.block = block;
    }

    @Override
    public String name() {
        return "lz4";
    }

    @Override
    public void decompress(MemorySegment input, MemorySegment output) {
        String framingProblem = decodeHadoopFraming(input, output);
        if (framingProblem == null) return;
        try {
            Lz4RawDecompressor.decodeBlock(block, input, output);
        } catch (CorruptFileException raw) {
            throw new CorruptFileException("lz4: page is neither Hadoop-framed (" + framingProblem
                    + ") nor one raw LZ4 block (" + raw.reason() + ")", raw);
        }
    }

    /** Decodes the page as Hadoop frames; returns null on success, else why the framing does not fit. */
    private String decodeHadoopFraming(MemorySegment input, MemorySegment output) {
        long in = 0;
        long out = 0;
        long inputSize = input.byteSize();
        if (inputSize < FRAME_HEADER) return "no room for a frame header";
        while (in < inputSize) {
            if (inputSize - in < FRAME_HEADER) return "frame header at offset " + in + " is truncated";
            long uncompressed = Integer.toUnsignedLong(input.get(INT_BE, in));
            long compressed = Integer.toUnsignedLong(input.get(INT_BE, in + 4));
            in += FRAME_HEADER;
            if (compressed > inputSize - in) return "frame at offset " + (in - FRAME_HEADER) + " declares " + compressed
                    + " compressed bytes but " + (inputSize - in) + " remain";
            if (uncompressed > output.byteSize() - out) return "frames declare more than the page's "
                    + output.byteSize() + " uncompressed bytes";
            long written;
            try {
                written = block.decode(input.asSlice(in, compressed), output.asSlice(out, uncompressed));
            } catch (CorruptFileException e) {
                return "frame block at offset " + in + ": " + e.reason();
            }
            if (written != uncompressed) return "frame block at offset " + in + " holds " + written
                    + " bytes, not the " + uncompressed + " its header declares";
            in += compressed;
            out += uncompressed;
        }
        return out == output.byteSize() ? null : "frames hold " + out + " of the page's " + output.byteSize() + " bytes";
    }

    /** Frame headers only add input, so the raw block bound holds for both forms. */
    @Override
    public long maxOutputSize(long inputSize) {
        return Decompressors.saturatedMultiply(inputSize, Lz4RawDecompressor.MAX_RATIO);
    }
}
