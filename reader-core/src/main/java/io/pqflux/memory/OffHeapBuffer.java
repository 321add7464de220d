package io.pqflux.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A growable off-heap buffer with exactly one owner. Growing copies into a larger segment and frees the
 * old one at once; {@link #close()} frees the last one. Every live buffer and byte is counted, so tests can
 * assert that nothing leaked ({@link #liveBuffers()}) and that hostile input did not make the reader
 * allocate more than the file justifies ({@link #peakBytes()}).
 */
public final class OffHeapBuffer implements AutoCloseable {

    private static final AtomicLong LIVE = new AtomicLong();
    private static final AtomicLong LIVE_BYTES = new AtomicLong();
    private static final AtomicLong PEAK_BYTES = new AtomicLong();

    private Arena arena;
    private MemorySegment segment;

    public OffHeapBuffer(long initialCapacity) {
        arena = Arena.ofShared();
        segment = arena.allocate(Math.max(initialCapacity, 8), 8);
        LIVE.incrementAndGet();
        counted(segment.byteSize());
    }

    /** Buffers allocated and not yet closed, across the process. */
    public static long liveBuffers() {
        return LIVE.get();
    }

    /** Bytes held by live buffers, across the process. */
    public static long liveBytes() {
        return LIVE_BYTES.get();
    }

    /** The most bytes live buffers held at any one time since the last {@link #resetPeakBytes()}. */
    public static long peakBytes() {
        return PEAK_BYTES.get();
    }

    public static void resetPeakBytes() {
        PEAK_BYTES.set(LIVE_BYTES.get());
    }

    private static void counted(long bytes) {
        long live = LIVE_BYTES.addAndGet(bytes);
        if (bytes > 0) PEAK_BYTES.accumulateAndGet(live, Math::max);
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
        counted(grown.byteSize());
        MemorySegment.copy(segment, 0, grown, 0, used);
        counted(-segment.byteSize());
        arena.close();
        arena = newArena;
        segment = grown;
        return grown;
    }

    @Override
    public void close() {
        if (arena != null) {
            counted(-segment.byteSize());
            arena.close();
            arena = null;
            segment = null;
            LIVE.decrementAndGet();
        }
    }
}
