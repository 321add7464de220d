package io.pqflux.internal.codec.compress;

import io.pqflux.error.CorruptFileException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/** Raw (unframed) snappy, decoded by snappy-java straight between native addresses. */
final class SnappyDecompressor implements Decompressor {

    @Override
    public String name() {
        return "snappy";
    }

    @Override
    public void decompress(MemorySegment input, MemorySegment output) {
        long inputSize = input.byteSize();
        long declared = output.byteSize();
        // A V2 page may hold zero value bytes and writers then store nothing at all, not even a preamble.
        if (inputSize == 0) {
            if (declared == 0) return;
            throw new CorruptFileException("snappy: declared uncompressed size " + declared + " but stream is empty");
        }
        // The native decoder writes as many bytes as the stream's own preamble says, trusting the buffer
        // behind outAddr to be that large: this check is what keeps a hostile page from writing past the
        // output segment.
        long preamble = preamble(input);
        if (preamble != declared) {
            throw new CorruptFileException("snappy: declared uncompressed size " + declared
                    + " but stream holds " + preamble);
        }
        try {
            long written = Snappy.rawUncompress(input.address(), inputSize, output.address());
            if (written != declared) {
                throw new CorruptFileException("snappy: declared uncompressed size " + declared
                        + " but stream produced " + written);
            }
        } catch (IOException | SnappyError e) {
            throw new CorruptFileException("snappy: invalid stream of " + inputSize + " bytes (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The stream's uncompressed length: a little-endian base-128 varint of at most 32 bits. Parsed here
     * rather than by {@code Snappy.uncompressedLength}, whose JNI side truncates lengths of 2^31 and
     * more to negative ints.
     */
    private static long preamble(MemorySegment input) {
        long value = 0;
        for (int i = 0; i < 5; i++) {
            if (i == input.byteSize()) {
                throw new CorruptFileException("snappy: length preamble truncated after " + i + " bytes");
            }
            int b = input.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if (b < 0x80) {
                if (i == 4 && b > 0x0F) break;
                return value;
            }
        }
        throw new CorruptFileException("snappy: length preamble exceeds 32 bits");
    }

    /**
     * Snappy elements and the most output each can yield: a literal yields at most its own length after a
     * tag byte (&lt; 1 per byte); a 1-byte-offset copy is 2 bytes for at most 11; 2- and 4-byte-offset
     * copies are 3 and 5 bytes for at most 64. The best ratio is therefore 64 bytes per 3 input bytes,
     * and the length preamble only lowers it.
     */
    @Override
    public long maxOutputSize(long inputSize) {
        return Decompressors.saturatedMultiply(inputSize / 3 + 1, 64);
    }
}
