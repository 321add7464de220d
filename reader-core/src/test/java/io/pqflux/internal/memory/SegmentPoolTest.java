package io.pqflux.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SegmentPoolTest {

    @Test
    void leasesArePowersOfTwoAndReusedAfterRelease() {
        SegmentPool pool = new SegmentPool(1 << 20, Duration.ofMinutes(1), false);
        SegmentPool.Lease first = pool.acquire(3000);
        assertThat(first.segment().byteSize()).isEqualTo(4096);
        assertThat(first.segment().address() % 64).isZero();
        pool.release(first);
        assertThat(pool.retainedBytes()).isEqualTo(4096);
        SegmentPool.Lease second = pool.acquire(4096);
        assertThat(second.segment().address()).isEqualTo(first.segment().address());
        assertThat(pool.retainedBytes()).isZero();
        assertThat(pool.acquire(1).segment().byteSize()).isEqualTo(1024);
    }

    @Test
    void retainsNoMoreThanItsBound() {
        SegmentPool pool = new SegmentPool(8192, Duration.ofMinutes(1), false);
        SegmentPool.Lease a = pool.acquire(8192);
        pool.release(a);
        pool.startPeriod();
        pool.startPeriod();
        // a's working set no longer counts; b's alone does not cover a kept beside it
        SegmentPool.Lease b = pool.acquire(16384);
        pool.release(b);
        assertThat(pool.retainedBytes()).isEqualTo(8192);
        // the segment the pool did not keep is freed at once
        assertThatThrownBy(() -> b.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0))
                .isInstanceOf(IllegalStateException.class);
        assertThat(pool.acquire(8192)).isSameAs(a);
        // the pool is empty now: a fresh allocation (the freed memory may come back from the allocator)
        SegmentPool.Lease fresh = pool.acquire(8192);
        assertThat(fresh).isNotSameAs(a).isNotSameAs(b);
        assertThat(fresh.segment().scope().isAlive()).isTrue();
    }

    @Test
    void keepsTheRecentWorkingSetBeyondItsBound() {
        SegmentPool pool = new SegmentPool(8192, Duration.ofMinutes(1), false);
        SegmentPool.Lease[] leases = new SegmentPool.Lease[8];
        for (int i = 0; i < leases.length; i++) leases[i] = pool.acquire(64 << 10);
        for (SegmentPool.Lease lease : leases) pool.release(lease);
        // a row group's worth of buffers, eight times the bound: all kept for the next read
        assertThat(pool.retainedBytes()).isEqualTo(8 * (64 << 10));
        for (SegmentPool.Lease lease : leases) assertThat(pool.acquire(64 << 10)).isIn((Object[]) leases);
        for (SegmentPool.Lease lease : leases) pool.release(lease);
        pool.startPeriod();
        assertThat(pool.retentionBound()).as("the last period still counts").isEqualTo(8 * (64 << 10));
        pool.startPeriod();
        assertThat(pool.retentionBound()).as("two periods later, only the fixed bound").isEqualTo(8192);
        // memory beyond the bound and the working set is not kept: a new class's lease, released, is freed
        SegmentPool.Lease other = pool.acquire(1 << 20);
        pool.release(other);
        assertThat(pool.retainedBytes()).isEqualTo(8 * (64 << 10));
        assertThatThrownBy(() -> other.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void segmentsAboveTheLargestClassAreExactAndFreedOnRelease() {
        SegmentPool pool = new SegmentPool(1L << 30, Duration.ofMinutes(1), false);
        long bytes = (64L << 20) + 3;
        SegmentPool.Lease big = pool.acquire(bytes);
        assertThat(big.segment().byteSize()).isEqualTo(bytes);
        pool.release(big);
        assertThat(pool.retainedBytes()).isZero();
        assertThatThrownBy(() -> big.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void trimFreesWhatThePoolKeeps() {
        SegmentPool pool = new SegmentPool(1 << 20, Duration.ofMinutes(1), false);
        SegmentPool.Lease a = pool.acquire(4096);
        SegmentPool.Lease b = pool.acquire(2048);
        pool.release(a);
        pool.release(b);
        assertThat(pool.retainedBytes()).isEqualTo(4096 + 2048);
        assertThat(pool.trim()).isEqualTo(4096 + 2048);
        assertThat(pool.retainedBytes()).isZero();
        assertThatThrownBy(() -> a.segment().get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
        assertThat(pool.acquire(4096)).isNotSameAs(a);
    }

    @Test
    void aSegmentWhoseArenaCannotCloseYetIsKeptAndFreedByALaterTrim() {
        SegmentPool pool = new SegmentPool(1 << 20, Duration.ofMinutes(1), false);
        StubbornArena stubborn = new StubbornArena(1);
        SegmentPool.Lease held = new SegmentPool.Lease(stubborn.allocate(4096, 64), stubborn);
        SegmentPool.Lease other = pool.acquire(4096);
        pool.release(other);
        pool.release(held);
        // the oldest (other) is freed; held fails to close, is kept and still counted
        assertThat(pool.trim()).isEqualTo(4096);
        assertThat(pool.retainedBytes()).isEqualTo(4096);
        assertThat(held.segment().scope().isAlive()).isTrue();
        assertThat(pool.trim()).isEqualTo(4096);
        assertThat(pool.retainedBytes()).isZero();
        assertThat(held.segment().scope().isAlive()).isFalse();
    }

    @Test
    void theTrimmerOutlivesASegmentThatCannotCloseYet() throws InterruptedException {
        SegmentPool pool = new SegmentPool(1 << 20, Duration.ofMillis(20), false);
        StubbornArena stubborn = new StubbornArena(3);
        pool.release(new SegmentPool.Lease(stubborn.allocate(4096, 64), stubborn));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pool.retainedBytes() != 0 && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(stubborn.closeAttempts).isEqualTo(4);
        assertThat(pool.retainedBytes()).isZero();
    }

    /** A shared arena whose first {@code refusals} closes fail as a close of an acquired arena does. */
    private static final class StubbornArena implements java.lang.foreign.Arena {
        private final java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofShared();
        private final int refusals;
        volatile int closeAttempts;

        StubbornArena(int refusals) {
            this.refusals = refusals;
        }

        @Override
        public java.lang.foreign.MemorySegment allocate(long byteSize, long byteAlignment) {
            return arena.allocate(byteSize, byteAlignment);
        }

        @Override
        public java.lang.foreign.MemorySegment.Scope scope() {
            return arena.scope();
        }

        @Override
        public void close() {
            if (++closeAttempts <= refusals) throw new IllegalStateException("Session is acquired by 1 clients");
            arena.close();
        }
    }

    @Test
    void onlyIdleSegmentsAreTrimmedByAge() {
        SegmentPool pool = new SegmentPool(1 << 20, Duration.ofMinutes(1), false);
        SegmentPool.Lease old = pool.acquire(4096);
        SegmentPool.Lease recent = pool.acquire(4096);
        pool.release(old);
        long cutoff = System.nanoTime();
        pool.release(recent);
        assertThat(pool.trimReleasedBefore(cutoff)).isEqualTo(4096);
        assertThatThrownBy(() -> old.segment().get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
        assertThat(pool.retainedBytes()).isEqualTo(4096);
        assertThat(pool.acquire(4096)).isSameAs(recent);
    }

    @Test
    void idleSegmentsAreFreedWithoutAnyCall() throws InterruptedException {
        SegmentPool pool = new SegmentPool(1 << 20, Duration.ofMillis(20), false);
        SegmentPool.Lease lease = pool.acquire(4096);
        pool.release(lease);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pool.retainedBytes() != 0 && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(pool.retainedBytes()).isZero();
        assertThat(lease.segment().scope().isAlive()).isFalse();
    }

    @Test
    void debugModeKeepsNothingSoStaleViewsThrow() {
        SegmentPool pool = new SegmentPool(1 << 20, Duration.ofMinutes(1), true);
        SegmentPool.Lease lease = pool.acquire(3000);
        // exactly what was asked for: reading past it throws too
        assertThat(lease.segment().byteSize()).isEqualTo(3000);
        var view = lease.segment().asSlice(100, 8);
        pool.release(lease);
        assertThat(pool.retainedBytes()).isZero();
        assertThatThrownBy(() -> view.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
    }
    @Test
    void aLeaseReleasedOnAnotherThreadsStripeIsReusedBeforeAllocating() throws Exception {
        SegmentPool pool = new SegmentPool(1 << 20, Duration.ofMinutes(1), false);
        SegmentPool.Lease lease = pool.acquire(4096);
        int own = Stripes.current();
        // a thread of another stripe releases it, so it lands in that stripe's free list
        boolean released = false;
        for (int attempt = 0; attempt <= Stripes.COUNT && !released; attempt++) {
            AtomicBoolean done = new AtomicBoolean();
            Thread other = Thread.ofPlatform().start(() -> {
                if (Stripes.current() != own) {
                    pool.release(lease);
                    done.set(true);
                }
            });
            other.join();
            released = done.get();
        }
        assertThat(released).as("a thread of another stripe").isTrue();
        assertThat(pool.retainedBytes()).isEqualTo(4096);
        assertThat(pool.acquire(4096)).isSameAs(lease);
        assertThat(pool.retainedBytes()).isZero();
    }

    @Test
    void threadsLeasingAtOnceNeverShareALeaseAndTheCountsAddUp() throws Exception {
        SegmentPool pool = new SegmentPool(1 << 20, Duration.ofMinutes(1), false);
        int threads = 4;
        int rounds = 20_000;
        List<Future<Long>> workers = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                long mark = t + 1;
                workers.add(executor.submit(() -> {
                    SegmentPool.Lease[] held = new SegmentPool.Lease[3];
                    for (int i = 0; i < rounds; i++) {
                        int slot = i % held.length;
                        if (held[slot] != null) {
                            // nobody else wrote into a lease while this thread held it
                            assertThat(held[slot].segment().get(ValueLayout.JAVA_LONG, 0)).isEqualTo(mark * rounds + slot);
                            pool.release(held[slot]);
                        }
                        held[slot] = pool.acquire(1024L << (i % 5));
                        held[slot].segment().set(ValueLayout.JAVA_LONG, 0, mark * rounds + slot);
                    }
                    for (SegmentPool.Lease lease : held) pool.release(lease);
                    return mark;
                }));
            }
            for (Future<Long> worker : workers) worker.get();
        }
        assertThat(pool.leasedBytes()).isZero();
        // at most 3 leases per thread were out at once, each of at most 16 KiB
        assertThat(pool.peakBytes()).isPositive().isLessThanOrEqualTo(threads * 3 * (16L << 10));
        long retained = pool.retainedBytes();
        assertThat(pool.trim()).as("the count matches what the free lists hold").isEqualTo(retained);
        assertThat(pool.retainedBytes()).isZero();
    }
}
