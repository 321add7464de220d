package io.pqflux.page;

import io.pqflux.memory.OffHeapBuffer;
import java.lang.foreign.MemorySegment;

/** One reusable off-heap area for decompressed pages: each page overwrites the previous one. */
final class ScratchBuffer implements AutoCloseable {

    private OffHeapBuffer buffer;

    MemorySegment get(long size) {
        if (buffer == null) buffer = new OffHeapBuffer(size);
        return buffer.ensureCapacity(size, 0).asSlice(0, size);
    }

    @Override
    public void close() {
        if (buffer != null) buffer.close();
    }
}
