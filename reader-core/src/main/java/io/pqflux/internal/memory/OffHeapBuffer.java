package io.pqflux.internal.memory;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A growable off-heap buffer with exactly one owner. Its memory is leased from {@link SegmentPool}: growing
 * copies into a larger lease and returns the old one at once; {@link #close()} returns the last one. Its
 * contents start unspecified (pooled memory is not cleared). Segments and views handed out are valid only
 * until the next growth or the close, and must not be kept beyond it. Every live buffer and leased byte is
 * counted, so tests can assert that nothing leaked ({@link #liveBuffers()}) and that hostile input did not
 * make the reader allocate more than the file justifies ({@link #peakBytes()}).
 */
public final class OffHeapBuffer implements AutoCloseable {

    private static final AtomicLong LIVE = new AtomicLong();
    private static final AtomicLong LIVE_BYTES = new AtomicLong();
    private static final AtomicLong PEAK_BYTES = new AtomicLong();

    private SegmentPool.Lease lease;
    private MemorySegment segment;

    public OffHeapBuffer(long initialCapacity) {
        lease = SegmentPool.SHARED.acquire(initialCapacity);
        segment = lease.segment();
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
        // pooled sizes are powers of two, which doubles already; this keeps growth geometric above them
        long newCapacity = Math.max(required, Math.min(Long.MAX_VALUE / 2, segment.byteSize()) * 2);
        SegmentPool.Lease grown = SegmentPool.SHARED.acquire(newCapacity);
        counted(grown.segment().byteSize());
        MemorySegment.copy(segment, 0, grown.segment(), 0, used);
        counted(-segment.byteSize());
        SegmentPool.SHARED.release(lease);
        lease = grown;
        segment = grown.segment();
        return segment;
    }

    @Override
    public void close() {
        if (lease != null) {
            counted(-segment.byteSize());
            SegmentPool.SHARED.release(lease);
            lease = null;
            segment = null;
            LIVE.decrementAndGet();
        }
    }
}
