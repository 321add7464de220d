package io.pqflux.internal.codec.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Zstandard via zstd-jni on direct buffers. One native context per instance is reused across pages,
 * saving an allocation of ~100 KiB per page; {@link #close()} frees it.
 */
final class ZstdDecompressor implements Decompressor {

    /** A zstd block never decodes to more than 128 KiB. */
    private static final long MAX_BLOCK_OUTPUT = 128 * 1024;

    /** The smallest block: a 3-byte header plus the one byte an RLE block repeats. */
    private static final long MIN_BLOCK_INPUT = 4;

    private final ZstdDecompressCtx context = new ZstdDecompressCtx();

    @Override
    public String name() {
        return "zstd";
    }

    @Override
    public void decompress(MemorySegment input, MemorySegment output) {
        long declared = output.byteSize();
        // Same reason as snappy: a V2 page with no value bytes may be stored as nothing at all.
        if (input.byteSize() == 0) {
            if (declared == 0) return;
            throw new CorruptFileException("zstd: declared uncompressed size " + declared + " but stream is empty");
        }
        ByteBuffer in = ByteBuffers.view(input, "zstd");
        ByteBuffer out = ByteBuffers.view(output, "zstd");
        int written;
        try {
            // Decodes every concatenated frame (and skips skippable ones) and fails rather than write
            // past out's capacity, so a stream larger than declared surfaces as an exception here.
            written = context.decompressDirectByteBuffer(out, 0, out.capacity(), in, 0, in.capacity());
        } catch (ZstdException e) {
            throw new CorruptFileException("zstd: invalid stream of " + input.byteSize() + " bytes for declared size "
                    + declared + " (" + e.getMessage() + ")", e);
        }
        if (written != declared) {
            throw new CorruptFileException("zstd: declared uncompressed size " + declared + " but stream holds " + written);
        }
    }

    /**
     * Before reserving the declared size, compares it with the content sizes the frame headers state, so a
     * page cannot make the reader reserve up to {@link #maxOutputSize} for a stream that holds far less.
     * Frames that do not state their size leave only the ratio bound.
     */
    @Override
    public MemorySegment decompress(MemorySegment input, long declaredSize, GrowableOutput output) {
        long stated = declaredSize > maxOutputSize(input.byteSize()) ? -1 : statedContentSize(input);
        if (stated >= 0 && stated != declaredSize) {
            throw new CorruptFileException("zstd: declared uncompressed size " + declaredSize + " but the frame headers state "
                    + stated);
        }
        return Decompressor.super.decompress(input, declaredSize, output);
    }

    /** The sum of the frames' content sizes, or -1 when a frame does not state it or the stream is malformed. */
    private static long statedContentSize(MemorySegment input) {
        if (input.byteSize() == 0 || input.byteSize() > Integer.MAX_VALUE || !input.isNative()) return -1;
        ByteBuffer in = input.asByteBuffer();
        int size = in.capacity();
        long total = 0;
        for (int position = 0; position < size; ) {
            long frame = Zstd.findDirectByteBufferFrameCompressedSize(in, position, size - position);
            if (Zstd.isError(frame) || frame <= 0 || frame > size - position) return -1;
            long content = Zstd.getDirectByteBufferFrameContentSize(in, position, (int) frame);
            if (content < 0) return -1;
            total += content;
            position += (int) frame;
        }
        return total;
    }

    /**
     * Frame headers, checksums and skippable frames yield nothing; every output byte comes from a block,
     * and the densest block is an RLE block: {@value #MIN_BLOCK_INPUT} bytes for up to 128 KiB, i.e.
     * 32768 output bytes per input byte.
     */
    @Override
    public long maxOutputSize(long inputSize) {
        return Decompressors.saturatedMultiply(inputSize, MAX_BLOCK_OUTPUT / MIN_BLOCK_INPUT);
    }

    @Override
    public void close() {
        context.close();
    }
}
