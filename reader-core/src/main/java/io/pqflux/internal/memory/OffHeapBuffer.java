package io.pqflux.internal.memory;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A growable off-heap buffer with exactly one owner. Its memory is leased from {@link SegmentPool}: growing
 * copies into a larger lease and returns the old one at once; {@link #close()} returns the last one. Its
 * contents start unspecified (pooled memory is not cleared). Segments and views handed out are valid only
 * until the next growth or the close, and must not be kept beyond it; after the close, {@link #segment()}
 * throws. Every live buffer and leased byte is counted, so tests can assert that nothing leaked
 * ({@link #liveBuffers()}) and that hostile input did not make the reader allocate more than the file justifies
 * ({@link #peakBytes()}).
 *
 * <p>A buffer that becomes unreachable without being closed is freed by a {@link Cleaner} (never returned to
 * the pool: views of it may still exist), counted in {@link #reclaimedLeaks()} and reported once through
 * {@link System.Logger}; in debug mode the report names where the buffer was allocated.
 */
public final class OffHeapBuffer implements AutoCloseable {

    /** Updated by every buffer on every thread: per-thread cells, summed when read. */
    private static final LongAdder LIVE = new LongAdder();
    private static final AtomicLong RECLAIMED_LEAKS = new AtomicLong();
    private static final AtomicBoolean LEAK_REPORTED = new AtomicBoolean();
    /**
     * One cleaner per {@link Stripes stripe}: a cleaner's list of registered buffers is one lock, taken at every
     * allocation and close. Their threads are virtual, as they wait nearly always.
     */
    private static final Cleaner[] CLEANERS = cleaners();

    private final Owner owner;
    private final Cleaner.Cleanable cleanable;
    private MemorySegment segment;

    public OffHeapBuffer(long initialCapacity) {
        owner = new Owner(SegmentPool.SHARED.acquire(initialCapacity), SegmentPool.SHARED.debug() ? new Throwable("allocated here") : null);
        segment = owner.lease.segment();
        LIVE.increment();
        cleanable = CLEANERS[Stripes.current()].register(this, owner);
    }

    private static Cleaner[] cleaners() {
        ThreadFactory virtual = Thread.ofVirtual().name("pqflux-buffer-cleaner-", 0).inheritInheritableThreadLocals(false)
                .factory();
        // not the context class loader of whichever thread opened the first buffer (a Flink job's, say), which the
        // cleaners' threads would keep alive for the life of the process
        ThreadFactory threads = task -> {
            Thread thread = virtual.newThread(task);
            thread.setContextClassLoader(OffHeapBuffer.class.getClassLoader());
            return thread;
        };
        Cleaner[] cleaners = new Cleaner[Stripes.COUNT];
        for (int i = 0; i < cleaners.length; i++) cleaners[i] = Cleaner.create(threads);
        return cleaners;
    }

    /** Buffers allocated and not yet closed, across the process. */
    public static long liveBuffers() {
        return LIVE.sum();
    }

    /** Bytes held by live buffers, across the process: the shared pool's leases, as buffers are its only lessees. */
    public static long liveBytes() {
        return SegmentPool.SHARED.leasedBytes();
    }

    /** The most bytes live buffers held at any one time since the last {@link #resetPeakBytes()}. */
    public static long peakBytes() {
        return SegmentPool.SHARED.peakBytes();
    }

    public static void resetPeakBytes() {
        SegmentPool.SHARED.resetPeakBytes();
    }

    /** Buffers that became unreachable without being closed, freed by the safety net, since start-up. */
    public static long reclaimedLeaks() {
        return RECLAIMED_LEAKS.get();
    }

    /** Free bytes the shared pool keeps for reuse. */
    public static long pooledBytes() {
        return SegmentPool.SHARED.retainedBytes();
    }

    /** Frees every segment the shared pool keeps for reuse; returns the bytes freed. */
    public static long trimPool() {
        return SegmentPool.SHARED.trim();
    }

    /** The current memory; invalid after a call to {@link #ensureCapacity} that grows or to {@link #close}. */
    public MemorySegment segment() {
        MemorySegment current = segment;
        if (current == null) throw closed();
        return current;
    }

    public long capacity() {
        return segment().byteSize();
    }

    /** Makes room for {@code required} bytes, keeping the first {@code used} bytes. */
    public MemorySegment ensureCapacity(long required, long used) {
        MemorySegment current = segment();
        if (required <= current.byteSize()) return current;
        // before the new lease is taken: a copy that threw would leave it with no owner
        Objects.checkFromIndexSize(0, used, current.byteSize());
        // pooled sizes are powers of two, which doubles already; this keeps growth geometric above them
        long newCapacity = Math.max(required, Math.min(Long.MAX_VALUE / 2, current.byteSize()) * 2);
        SegmentPool.Lease grown = SegmentPool.SHARED.acquire(newCapacity);
        MemorySegment.copy(current, 0, grown.segment(), 0, used);
        SegmentPool.Lease old = owner.lease;
        owner.lease = grown;
        SegmentPool.SHARED.release(old);
        segment = grown.segment();
        return segment;
    }

    @Override
    public void close() {
        if (segment != null) {
            segment = null;
            owner.closed = true;
            cleanable.clean();
        }
    }

    private static IllegalStateException closed() {
        return new IllegalStateException("off-heap buffer already closed: its owner (a ColumnVector, RowGroupBatch or"
                + " reader) was closed, and neither its values nor views of them may be read afterwards");
    }

    /**
     * What the buffer owns, apart from the buffer itself so the {@link Cleaner} can free it once the buffer is
     * unreachable. Runs exactly once: from {@link #close()}, or from the cleaner's thread for a lost buffer.
     */
    private static final class Owner implements Runnable {
        private volatile SegmentPool.Lease lease;
        private volatile boolean closed;
        private final Throwable allocationSite;

        Owner(SegmentPool.Lease lease, Throwable allocationSite) {
            this.lease = lease;
            this.allocationSite = allocationSite;
        }

        @Override
        public void run() {
            SegmentPool.Lease held = lease;
            lease = null;
            LIVE.decrement();
            if (closed) {
                SegmentPool.SHARED.release(held);
                return;
            }
            SegmentPool.SHARED.discard(held);
            RECLAIMED_LEAKS.incrementAndGet();
            if (LEAK_REPORTED.compareAndSet(false, true)) {
                System.getLogger(OffHeapBuffer.class.getName()).log(System.Logger.Level.WARNING,
                        "pqflux: an off-heap buffer became unreachable without being closed and was freed by the"
                                + " safety net; close every ParquetReader, RowGroupBatch and ColumnVector (try-with-"
                                + "resources). Reported once; " + (allocationSite == null
                                ? "run with -Dpqflux.pool.debug=true to learn where it was allocated."
                                : "allocated at:"), allocationSite);
            }
        }
    }
}
