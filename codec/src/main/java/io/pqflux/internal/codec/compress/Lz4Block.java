package io.pqflux.internal.codec.compress;

import java.lang.foreign.MemorySegment;

/**
 * Decodes one LZ4 block. Two implementations: liblz4 through FFM ({@link NativeLz4Block}, about 5x faster,
 * see docs/codecs.md) and pure Java ({@link JavaLz4Block}) where liblz4 is not bundled for the platform or
 * native loading is disabled ({@code -Dio.airlift.compress.v3.disable-native=true}).
 */
interface Lz4Block {

    /**
     * Decodes the block filling all of {@code block} into {@code output} and returns the bytes written; a
     * block that is malformed or decodes to more than {@code output.byteSize()} bytes is corrupt, with a
     * message the caller prefixes with its codec's name.
     */
    long decode(MemorySegment block, MemorySegment output);

    static Lz4Block preferred() {
        return NativeLz4Block.isAvailable() ? new NativeLz4Block() : new JavaLz4Block();
    }
}
