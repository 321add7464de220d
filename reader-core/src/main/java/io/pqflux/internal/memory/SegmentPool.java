package io.pqflux.internal.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recycles native memory in power-of-two size classes, so decoding a row group reuses the memory of the
 * last one instead of asking the allocator, zero-filling and paying the JVM-wide handshake that closing a
 * shared arena costs. Every segment has its own shared arena (buffers move between threads); the arena is
 * closed when the pool does not keep the segment — beyond its retention bound, or above the largest class —
 * so memory the pool gives up is freed at once, not whenever a garbage collection happens to run.
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
    private final ConcurrentLinkedDeque<Lease>[] free = new ConcurrentLinkedDeque[MAX_SHIFT + 1];

    SegmentPool(long maxRetainedBytes) {
        this.maxRetainedBytes = maxRetainedBytes;
        for (int shift = MIN_SHIFT; shift <= MAX_SHIFT; shift++) free[shift] = new ConcurrentLinkedDeque<>();
    }

    /** A segment of at least {@code bytes} bytes; its contents are unspecified. */
    Lease acquire(long bytes) {
        int shift = classShift(bytes);
        long size = shift > MAX_SHIFT ? Math.max(bytes, 8) : 1L << shift;
        if (shift <= MAX_SHIFT) {
            Lease pooled = free[shift].pollFirst();
            if (pooled != null) {
                retainedBytes.addAndGet(-size);
                return pooled;
            }
        }
        Arena arena = Arena.ofShared();
        return new Lease(arena.allocate(size, ALIGNMENT), arena);
    }

    /** Takes back a leased segment; the caller must not touch it, or any view of it, again. */
    void release(Lease lease) {
        long size = lease.segment().byteSize();
        int shift = Long.numberOfTrailingZeros(size);
        boolean pooled = Long.bitCount(size) == 1 && shift >= MIN_SHIFT && shift <= MAX_SHIFT;
        if (!pooled || retainedBytes.addAndGet(size) > maxRetainedBytes) {
            if (pooled) retainedBytes.addAndGet(-size);
            lease.arena().close();
            return;
        }
        free[shift].offerFirst(lease);
    }

    /** Free bytes the pool holds for reuse. */
    long retainedBytes() {
        return retainedBytes.get();
    }

    private static int classShift(long bytes) {
        if (bytes <= 1L << MIN_SHIFT) return MIN_SHIFT;
        return 64 - Long.numberOfLeadingZeros(bytes - 1);
    }

    /** A leased segment and the arena that frees it. */
    record Lease(MemorySegment segment, Arena arena) {}
}
