package io.pqflux.internal.codec.compress;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;

/**
 * Decompresses one page at a time. Instances keep native state and are not thread-safe: use one per
 * reading thread and close it when that thread is done.
 */
public interface Decompressor extends AutoCloseable {

    /** The codec's name as error messages start with it, e.g. {@code snappy}. */
    String name();

    /**
     * Decompresses all of {@code input} into {@code output}, whose size is the declared uncompressed size.
     * Fills exactly {@code output.byteSize()} bytes or throws
     * {@link io.pqflux.error.CorruptFileException} when the stream holds more, less or garbage.
     */
    void decompress(MemorySegment input, MemorySegment output);

    /**
     * The largest output {@code inputSize} compressed bytes can legitimately produce with this codec, or
     * {@link Long#MAX_VALUE} for a codec without such a bound, which then grows its output as it decodes.
     */
    long maxOutputSize(long inputSize);

    /**
     * Decompresses a page that declares {@code declaredSize} uncompressed bytes into memory from
     * {@code output} and returns exactly those bytes. Memory follows what the input justifies, not what the
     * page claims: this default, for codecs with a bounded expansion, refuses a declared size above
     * {@link #maxOutputSize} before reserving anything; codecs without a bound override it to grow the
     * output with the data they actually produce.
     */
    default MemorySegment decompress(MemorySegment input, long declaredSize, GrowableOutput output) {
        long justified = maxOutputSize(input.byteSize());
        if (declaredSize > justified) {
            throw new CorruptFileException(name() + ": declared uncompressed size " + declaredSize + " but "
                    + input.byteSize() + " compressed bytes can produce at most " + justified);
        }
        MemorySegment target = output.ensureCapacity(declaredSize, 0).asSlice(0, declaredSize);
        decompress(input, target);
        return target;
    }

    /** Releases native state; codecs without any keep this no-op. */
    @Override
    default void close() {}
}
