package io.pqflux.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recycles native memory in power-of-two size classes, so decoding a row group reuses the memory of the
 * last one instead of asking the allocator, zero-filling and, for shared arenas, paying a JVM-wide handshake
 * to free it. Pooled segments come from automatic arenas: a segment the pool does not keep is freed by the
 * garbage collector, never by a close that other threads would have to wait for. Segments above the largest
 * class are rare (huge pages or values) and get their own arena, closed on release.
 *
 * <p>The price of pooling: a view taken from a buffer stays readable after the buffer is released and may
 * then show another buffer's bytes. Owners must not hand out views that outlive them (see {@link OffHeapBuffer}).
 */
final class SegmentPool {

    private static final int MIN_SHIFT = 10;
    private static final int MAX_SHIFT = 26;
    private static final long ALIGNMENT = 64;

    /** The process-wide pool; retains at most {@code pqflux.pool.maxRetainedBytes} (default 512 MiB) of free memory. */
    static final SegmentPool SHARED = new SegmentPool(Long.getLong("pqflux.pool.maxRetainedBytes", 512L << 20));

    private final long maxRetainedBytes;
    private final AtomicLong retainedBytes = new AtomicLong();
    @SuppressWarnings("unchecked")
    private final ConcurrentLinkedDeque<MemorySegment>[] free = new ConcurrentLinkedDeque[MAX_SHIFT + 1];

    SegmentPool(long maxRetainedBytes) {
        this.maxRetainedBytes = maxRetainedBytes;
        for (int shift = MIN_SHIFT; shift <= MAX_SHIFT; shift++) free[shift] = new ConcurrentLinkedDeque<>();
    }

    /** A segment of at least {@code bytes} bytes; its contents are unspecified. */
    Lease acquire(long bytes) {
        int shift = classShift(bytes);
        if (shift > MAX_SHIFT) {
            Arena arena = Arena.ofShared();
            return new Lease(arena.allocate(Math.max(bytes, 8), ALIGNMENT), arena);
        }
        MemorySegment segment = free[shift].pollFirst();
        if (segment != null) {
            retainedBytes.addAndGet(-segment.byteSize());
            return new Lease(segment, null);
        }
        return new Lease(Arena.ofAuto().allocate(1L << shift, ALIGNMENT), null);
    }

    /** Takes back a leased segment; the caller must not touch it, or any view of it, again. */
    void release(Lease lease) {
        if (lease.ownArena() != null) {
            lease.ownArena().close();
            return;
        }
        MemorySegment segment = lease.segment();
        if (retainedBytes.addAndGet(segment.byteSize()) > maxRetainedBytes) {
            retainedBytes.addAndGet(-segment.byteSize());
            return;
        }
        free[Long.numberOfTrailingZeros(segment.byteSize())].offerFirst(segment);
    }

    /** Free bytes the pool holds for reuse. */
    long retainedBytes() {
        return retainedBytes.get();
    }

    private static int classShift(long bytes) {
        if (bytes <= 1L << MIN_SHIFT) return MIN_SHIFT;
        return 64 - Long.numberOfLeadingZeros(bytes - 1);
    }

    /** A leased segment and, for segments above the largest class, the arena that frees it. */
    record Lease(MemorySegment segment, Arena ownArena) {}
}
