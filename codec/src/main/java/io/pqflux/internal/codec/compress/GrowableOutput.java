package io.pqflux.internal.codec.compress;

import java.lang.foreign.MemorySegment;

/**
 * Memory a decompressor writes a page into, or a decoder its values, reserved on demand, so what a page claims
 * does not decide what is allocated up front. The reader's page scratch buffer is one, a column's value buffer
 * another.
 */
@FunctionalInterface
public interface GrowableOutput {

    /**
     * Native memory of at least {@code required} bytes whose first {@code used} bytes equal those of the
     * segment handed out before; earlier segments may become invalid.
     */
    MemorySegment ensureCapacity(long required, long used);
}
