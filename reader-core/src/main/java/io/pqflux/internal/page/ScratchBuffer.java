package io.pqflux.internal.page;

import io.pqflux.internal.codec.compress.GrowableOutput;
import io.pqflux.internal.memory.OffHeapBuffer;
import java.lang.foreign.MemorySegment;

/**
 * One reusable off-heap area for decompressed pages: each page overwrites the previous one. It grows
 * only as far as a decompressor asks, which is as far as a page's compressed bytes justify.
 */
final class ScratchBuffer implements GrowableOutput, AutoCloseable {

    private OffHeapBuffer buffer;

    @Override
    public MemorySegment ensureCapacity(long required, long used) {
        if (buffer == null) buffer = new OffHeapBuffer(required);
        return buffer.ensureCapacity(required, used);
    }

    @Override
    public void close() {
        if (buffer != null) buffer.close();
    }
}
