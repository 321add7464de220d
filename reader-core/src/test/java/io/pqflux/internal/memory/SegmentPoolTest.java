package io.pqflux.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SegmentPoolTest {

    @Test
    void leasesArePowersOfTwoAndReusedAfterRelease() {
        SegmentPool pool = new SegmentPool(1 << 20);
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
        SegmentPool pool = new SegmentPool(8192);
        SegmentPool.Lease a = pool.acquire(8192);
        SegmentPool.Lease b = pool.acquire(8192);
        pool.release(a);
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
    void segmentsAboveTheLargestClassAreExactAndFreedOnRelease() {
        SegmentPool pool = new SegmentPool(1L << 30);
        long bytes = (64L << 20) + 3;
        SegmentPool.Lease big = pool.acquire(bytes);
        assertThat(big.segment().byteSize()).isEqualTo(bytes);
        pool.release(big);
        assertThat(pool.retainedBytes()).isZero();
        assertThatThrownBy(() -> big.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0))
                .isInstanceOf(IllegalStateException.class);
    }
}
