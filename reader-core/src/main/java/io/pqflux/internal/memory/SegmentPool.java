package io.pqflux.internal.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Recycles native memory in power-of-two size classes, so decoding a row group reuses the memory of the
 * last one instead of asking the allocator, zero-filling and paying the JVM-wide handshake that closing a
 * shared arena costs. Every segment has its own shared arena (buffers move between threads); the arena is
 * closed when the pool does not keep the segment — beyond its retention bound, above the largest class, or
 * idle longer than the idle timeout — so memory the pool gives up is freed at once, not whenever a garbage
 * collection happens to run.
 *
 * <p>The retention bound follows the working set: the pool keeps up to the larger of its fixed bound and the most
 * memory leased at once in the last trimmer period or two. A reader whose row group needs more than the fixed bound
 * (a 5M-row row group's vectors are about a gigabyte) then reuses its buffers from one read to the next instead of
 * allocating and freeing all of them every time (measured: half the speed); memory the process stops using is freed
 * after the idle timeout, and free memory never exceeds what was recently in use (plus the fixed bound).
 *
 * <p>The price of pooling: a view taken from a buffer stays readable after the buffer is released and may
 * then show another buffer's bytes. In debug mode ({@code -Dpqflux.pool.debug=true}) the pool keeps nothing
 * and allocates exactly what is asked for, so every release closes its arena: a stale view, or a read past
 * what was asked for, throws instead.
 */
final class SegmentPool {

    private static final System.Logger LOG = System.getLogger(SegmentPool.class.getName());
    private static final int MIN_SHIFT = 10;
    private static final int MAX_SHIFT = 26;
    private static final long ALIGNMENT = 64;

    /**
     * The process-wide pool. A library lives inside someone else's service, so the defaults are modest: at most
     * {@code pqflux.pool.maxRetainedBytes} (256 MiB: enough for a scan's working set of 64 MiB chunk buffers; less
     * made every chunk re-allocate) of free memory beyond the recent working set, and none of it kept longer than
     * {@code pqflux.pool.idleMillis} (30 s) unused.
     */
    static final SegmentPool SHARED = new SegmentPool(Long.getLong("pqflux.pool.maxRetainedBytes", 256L << 20),
            Duration.ofMillis(Long.getLong("pqflux.pool.idleMillis", 30_000)), Boolean.getBoolean("pqflux.pool.debug"));

    private final long maxRetainedBytes;
    private final long idleNanos;
    private final boolean debug;
    /**
     * Free bytes kept: a sum of per-thread cells, as every release and reuse updates it. Releases racing each other
     * may each see room for their lease, so the bound can be passed by at most one lease per releasing thread.
     */
    private final LongAdder retainedBytes = new LongAdder();
    /** Bytes of leases handed out and not yet released: exact, as the peaks derive from it. */
    private final AtomicLong leasedBytes = new AtomicLong();
    /** The most bytes leased at once since {@link #resetPeakBytes()}. */
    private final AtomicLong peakBytes = new AtomicLong();
    /** The most bytes leased at once in the current trimmer period, and in the one before. */
    private final AtomicLong periodPeak = new AtomicLong();
    private final AtomicLong previousPeak = new AtomicLong();
    private final AtomicBoolean trimmerStarted = new AtomicBoolean();
    /**
     * Free leases by {@link Stripes stripe} and size class: a thread releases into its own stripe and reuses from it
     * first, so lanes do not contend on one list's head; it takes from the other stripes before allocating.
     */
    private final ConcurrentLinkedDeque<Lease>[][] free;

    @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
    SegmentPool(long maxRetainedBytes, Duration idleTimeout, boolean debug) {
        this.maxRetainedBytes = maxRetainedBytes;
        this.idleNanos = idleTimeout.toNanos();
        this.debug = debug;
        free = new ConcurrentLinkedDeque[Stripes.COUNT][MAX_SHIFT + 1];
        for (ConcurrentLinkedDeque<Lease>[] stripe : free) {
            for (int shift = MIN_SHIFT; shift <= MAX_SHIFT; shift++) stripe[shift] = new ConcurrentLinkedDeque<>();
        }
    }

    /** A pooled segment of at least {@code bytes} bytes (exactly {@code bytes} in debug mode); contents unspecified. */
    Lease acquire(long bytes) {
        return leased(take(bytes));
    }

    private Lease take(long bytes) {
        if (debug) return allocate(Math.max(bytes, 1));
        int shift = classShift(bytes);
        long size = shift > MAX_SHIFT ? Math.max(bytes, 8) : 1L << shift;
        if (shift <= MAX_SHIFT) {
            int own = Stripes.current();
            for (int i = 0; i < free.length; i++) {
                Lease pooled = free[(own + i) & (free.length - 1)][shift].pollFirst();
                if (pooled != null) {
                    retainedBytes.add(-size);
                    return pooled;
                }
            }
        }
        return allocate(size);
    }

    private Lease leased(Lease lease) {
        long now = leasedBytes.addAndGet(lease.segment.byteSize());
        raise(periodPeak, now);
        raise(peakBytes, now);
        return lease;
    }

    /** Raises {@code peak} to {@code bytes} if lower; read first, as a write on every lease would bounce its cache line. */
    private static void raise(AtomicLong peak, long bytes) {
        if (bytes > peak.get()) peak.accumulateAndGet(bytes, Math::max);
    }

    private static Lease allocate(long size) {
        Arena arena = Arena.ofShared();
        return new Lease(arena.allocate(size, ALIGNMENT), arena);
    }

    /** Takes back a leased segment; the caller must not touch it, or any view of it, again. */
    void release(Lease lease) {
        long size = lease.segment.byteSize();
        leasedBytes.addAndGet(-size);
        int shift = Long.numberOfTrailingZeros(size);
        boolean pooled = !debug && Long.bitCount(size) == 1 && shift >= MIN_SHIFT && shift <= MAX_SHIFT;
        if (!pooled || retainedBytes() + size > retentionBound()) {
            lease.free();
            return;
        }
        retainedBytes.add(size);
        lease.releasedAt = System.nanoTime();
        free[Stripes.current()][shift].offerFirst(lease);
        startTrimmer();
    }

    /** Frees a segment without offering it for reuse: for memory whose owner was lost, whose views may still exist. */
    void discard(Lease lease) {
        leasedBytes.addAndGet(-lease.segment.byteSize());
        lease.free();
    }

    /** The most free memory kept: the fixed bound, or the recent working set when larger. */
    long retentionBound() {
        return Math.max(maxRetainedBytes, Math.max(periodPeak.get(), previousPeak.get()));
    }

    /** Starts a trimmer period: the working set of the period before last stops counting. */
    void startPeriod() {
        previousPeak.set(periodPeak.getAndSet(leasedBytes.get()));
    }

    /** Whether the pool is in debug mode: keeps nothing, allocates exact sizes. */
    boolean debug() {
        return debug;
    }

    /** Free bytes the pool holds for reuse. */
    long retainedBytes() {
        // the cells are read one by one: a release and a take between two reads can make the sum briefly negative
        return Math.max(0, retainedBytes.sum());
    }

    /** Bytes leased and not yet released. */
    long leasedBytes() {
        return leasedBytes.get();
    }

    /** The most bytes leased at once since the last {@link #resetPeakBytes()}. */
    long peakBytes() {
        return peakBytes.get();
    }

    /** Starts a new peak from the bytes leased now. */
    void resetPeakBytes() {
        peakBytes.set(leasedBytes.get());
        // a lease between the read and the set saw the old, higher peak and left it alone: the peak covers it now
        raise(peakBytes, leasedBytes.get());
    }

    /** Frees every segment the pool holds for reuse; returns the bytes freed. */
    long trim() {
        return trimReleasedBefore(Long.MAX_VALUE);
    }

    /** Frees the segments released before {@code cutoff} ({@link System#nanoTime()} scale); returns the bytes freed. */
    long trimReleasedBefore(long cutoff) {
        long freed = 0;
        for (ConcurrentLinkedDeque<Lease>[] stripe : free) {
            for (int shift = MIN_SHIFT; shift <= MAX_SHIFT; shift++) freed += trimReleasedBefore(stripe[shift], shift, cutoff);
        }
        return freed;
    }

    private long trimReleasedBefore(ConcurrentLinkedDeque<Lease> leases, int shift, long cutoff) {
        long freed = 0;
        // the oldest lease sits at the tail (releases and reuse happen at the head)
        for (Lease oldest = leases.peekLast(); oldest != null && oldest.releasedAt - cutoff < 0; oldest = leases.peekLast()) {
            Lease taken = leases.pollLast();
            if (taken == null) break;
            if (taken.releasedAt - cutoff >= 0) {
                // another thread took the old one meanwhile; this one is fresh
                leases.offerLast(taken);
                break;
            }
            // freed before it stops counting as retained: whoever sees the count drop sees the memory gone
            try {
                taken.free();
            } catch (IllegalStateException stillInUse) {
                // its arena is still acquired (a native call or an I/O on a stale view in flight): kept, still
                // counted, and tried again at the next trim; the rest of this size class waits behind it
                leases.offerLast(taken);
                LOG.log(System.Logger.Level.WARNING, "pqflux pool: a released segment of " + (1L << shift)
                        + " bytes could not be freed yet and is kept for the next trim: " + stillInUse.getMessage());
                break;
            }
            retainedBytes.add(-(1L << shift));
            freed += 1L << shift;
        }
        return freed;
    }

    /**
     * Idle memory is freed by a daemon virtual thread, started with the first retained segment, so a service that
     * stops reading gives its memory back without calling anything.
     */
    private void startTrimmer() {
        if (trimmerStarted.get() || !trimmerStarted.compareAndSet(false, true)) return;
        Thread.ofVirtual().name("pqflux-pool-trimmer").start(() -> {
            long period = Math.max(idleNanos / 2, 1_000_000);
            while (true) {
                try {
                    Thread.sleep(Duration.ofNanos(period));
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    trimReleasedBefore(System.nanoTime() - idleNanos);
                } catch (RuntimeException e) {
                    // the one trimmer must outlive any pass: without it idle memory would be kept for good
                    LOG.log(System.Logger.Level.WARNING, "pqflux pool: a trim failed; the next period tries again", e);
                }
                startPeriod();
            }
        });
    }

    private static int classShift(long bytes) {
        if (bytes <= 1L << MIN_SHIFT) return MIN_SHIFT;
        return 64 - Long.numberOfLeadingZeros(bytes - 1);
    }

    /** A leased segment and the arena that frees it. */
    static final class Lease {
        private final MemorySegment segment;
        private final Arena arena;
        /** When the pool took it back, on the {@link System#nanoTime()} scale. */
        private volatile long releasedAt;

        Lease(MemorySegment segment, Arena arena) {
            this.segment = segment;
            this.arena = arena;
        }

        MemorySegment segment() {
            return segment;
        }

        private void free() {
            arena.close();
        }
    }
}
