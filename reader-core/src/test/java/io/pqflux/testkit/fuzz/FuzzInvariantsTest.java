package io.pqflux.testkit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.internal.memory.OffHeapBuffer;
import org.junit.jupiter.api.Test;

/** The invariants bite: what a fuzz target relies on them to catch, they catch. */
class FuzzInvariantsTest {

    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(16, ParquetException.class);

    @Test
    void aTypedErrorIsTheOutcomeAndAnyOtherEscapesAsItIs() {
        CorruptFileException typed = new CorruptFileException("bad");
        assertThat(INVARIANTS.check(0, () -> { throw typed; })).isSameAs(typed);
        assertThat(INVARIANTS.check(0, () -> { })).isNull();
        NullPointerException untyped = new NullPointerException("untyped");
        assertThatThrownBy(() -> INVARIANTS.check(0, () -> { throw untyped; })).isSameAs(untyped);
        StackOverflowError error = new StackOverflowError();
        assertThatThrownBy(() -> INVARIANTS.check(0, () -> { throw error; })).isSameAs(error);
    }

    @Test
    void heapAllocationBeyondTheBoundFails() {
        long[][] kept = new long[1][];
        FuzzInvariants.Action allocate = () -> {
            for (int i = 0; i < 20; i++) kept[0] = new long[1 << 20];
        };
        INVARIANTS.check(16 << 20, allocate); // 160 MiB within 64 MiB + 16 × 16 MiB; loads what the action needs
        assertThatThrownBy(() -> INVARIANTS.check(1, allocate)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("heap bytes");
    }

    @Test
    void offHeapBeyondTheBoundAndBuffersLeftOpenFail() {
        OffHeapBuffer[] leaked = new OffHeapBuffer[1];
        try {
            assertThatThrownBy(() -> INVARIANTS.check(1, () -> leaked[0] = new OffHeapBuffer(1024)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("1 off-heap buffers left open");
        } finally {
            leaked[0].close();
        }
        assertThatThrownBy(() -> INVARIANTS.check(1, () -> {
            try (OffHeapBuffer big = new OffHeapBuffer(32L << 20)) {
                big.segment().fill((byte) 1);
            }
        })).isInstanceOf(AssertionError.class).hasMessageContaining("off-heap bytes at once");
    }
}
