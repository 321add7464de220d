package io.pqflux.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A growable off-heap buffer with exactly one owner. Growing copies into a larger segment and frees the
 * old one at once; {@link #close()} frees the last one. Every live buffer and its bytes are counted, so
 * tests can assert that nothing leaked ({@link #liveBuffers()}) and that nothing grew larger than the input
 * justified ({@link #liveBytes()}).
 */
public final class OffHeapBuffer implements AutoCloseable {

    private static final AtomicLong LIVE = new AtomicLong();
    private static final AtomicLong LIVE_BYTES = new AtomicLong();

    private Arena arena;
    private MemorySegment segment;

    public OffHeapBuffer(long initialCapacity) {
        arena = Arena.ofShared();
        segment = arena.allocate(Math.max(initialCapacity, 8), 8);
        LIVE.incrementAndGet();
        LIVE_BYTES.addAndGet(segment.byteSize());
    }

    /** Buffers allocated and not yet closed, across the process. */
    public static long liveBuffers() {
        return LIVE.get();
    }

    /** Bytes held by buffers allocated and not yet closed, across the process. */
    public static long liveBytes() {
        return LIVE_BYTES.get();
    }

    /** The current memory; invalid after a call to {@link #ensureCapacity} that grows or to {@link #close}. */
    public MemorySegment segment() {
        return segment;
    }

    public long capacity() {
        return segment.byteSize();
    }

    /** Makes room for {@code required} bytes, keeping the first {@code used} bytes. */
    public MemorySegment ensureCapacity(long required, long used) {
        if (required <= segment.byteSize()) return segment;
        long newCapacity = Math.max(required, Math.min(Long.MAX_VALUE / 2, segment.byteSize()) * 2);
        Arena newArena = Arena.ofShared();
        MemorySegment grown = newArena.allocate(newCapacity, 8);
        MemorySegment.copy(segment, 0, grown, 0, used);
        LIVE_BYTES.addAndGet(grown.byteSize() - segment.byteSize());
        arena.close();
        arena = newArena;
        segment = grown;
        return grown;
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
            LIVE_BYTES.addAndGet(-segment.byteSize());
            arena = null;
            segment = null;
            LIVE.decrementAndGet();
        }
    }
}
