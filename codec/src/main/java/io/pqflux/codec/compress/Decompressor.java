package io.pqflux.codec.compress;

import java.lang.foreign.MemorySegment;

/**
 * Decompresses one page at a time. Instances keep native state and are not thread-safe: use one per
 * reading thread and close it when that thread is done.
 */
public interface Decompressor extends AutoCloseable {

    /**
     * Decompresses all of {@code input} into {@code output}, whose size is the declared uncompressed size.
     * Fills exactly {@code output.byteSize()} bytes or throws
     * {@link io.pqflux.error.CorruptFileException} when the stream holds more, less or garbage.
     */
    void decompress(MemorySegment input, MemorySegment output);

    /**
     * The largest output {@code inputSize} compressed bytes can legitimately produce with this codec.
     * Callers compare a page's declared uncompressed size against it before allocating, so a tiny
     * page cannot make the reader reserve gigabytes.
     */
    long maxOutputSize(long inputSize);

    /** Releases native state; codecs without any keep this no-op. */
    @Override
    default void close() {}
}
