package io.pqflux.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.ValueLayout;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OffHeapBufferTest {

    @Test
    void aClosedBufferSaysSo() {
        OffHeapBuffer buffer = new OffHeapBuffer(64);
        buffer.close();
        buffer.close();
        assertThatThrownBy(buffer::segment).isInstanceOf(IllegalStateException.class).hasMessageContaining("already closed");
        assertThatThrownBy(() -> buffer.ensureCapacity(10, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void growthKeepsTheContentsAndCountsBytes() {
        long before = OffHeapBuffer.liveBytes();
        try (OffHeapBuffer buffer = new OffHeapBuffer(16)) {
            buffer.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 8, 42L);
            buffer.ensureCapacity(1 << 16, 16);
            assertThat(buffer.capacity()).isGreaterThanOrEqualTo(1 << 16);
            assertThat(buffer.segment().get(ValueLayout.JAVA_LONG_UNALIGNED, 8)).isEqualTo(42L);
            assertThat(OffHeapBuffer.liveBytes() - before).isEqualTo(buffer.capacity());
        }
        assertThat(OffHeapBuffer.liveBytes()).isEqualTo(before);
    }

    @Test
    void thePeakIsTheMostHeldAtOnceSinceItsReset() {
        OffHeapBuffer.resetPeakBytes();
        long before = OffHeapBuffer.liveBytes();
        assertThat(OffHeapBuffer.peakBytes()).isEqualTo(before);
        try (OffHeapBuffer a = new OffHeapBuffer(8192)) {
            try (OffHeapBuffer b = new OffHeapBuffer(4096)) {
                assertThat(OffHeapBuffer.peakBytes()).isEqualTo(before + a.capacity() + b.capacity());
            }
            long both = OffHeapBuffer.peakBytes();
            // growing holds the old and the new memory at once, while copying
            long old = a.capacity();
            a.ensureCapacity(1 << 20, 8);
            assertThat(OffHeapBuffer.peakBytes()).isEqualTo(Math.max(both, before + old + a.capacity()));
            assertThat(OffHeapBuffer.liveBytes()).isEqualTo(before + a.capacity());
        }
        OffHeapBuffer.resetPeakBytes();
        assertThat(OffHeapBuffer.peakBytes()).isEqualTo(before);
    }

    @Test
    void growingWithMoreUsedThanHeldThrowsAndLeasesNothing() {
        try (OffHeapBuffer buffer = new OffHeapBuffer(1024)) {
            long live = OffHeapBuffer.liveBytes();
            assertThatThrownBy(() -> buffer.ensureCapacity(1 << 16, buffer.capacity() + 1))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(OffHeapBuffer.liveBytes()).isEqualTo(live);
            assertThat(buffer.capacity()).isEqualTo(1024);
        }
    }

    @Test
    @DeliberateLeak
    void aBufferDroppedUnclosedIsFreedAndCounted() throws InterruptedException {
        long leaks = OffHeapBuffer.reclaimedLeaks();
        long live = OffHeapBuffer.liveBuffers();
        var view = dropOne();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (OffHeapBuffer.reclaimedLeaks() == leaks && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(OffHeapBuffer.reclaimedLeaks()).isEqualTo(leaks + 1);
        assertThat(OffHeapBuffer.liveBuffers()).isEqualTo(live);
        // freed, not pooled: a view that outlived its buffer throws rather than showing another buffer's bytes
        assertThatThrownBy(() -> view.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
    }

    private static java.lang.foreign.MemorySegment dropOne() {
        return new OffHeapBuffer(4096).segment().asSlice(0, 16);
    }
}
