package io.pqflux.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedInputFileTest {

    /** Counts its closes, so a test sees exactly when the shared file let go of it. */
    private static final class CountedClose implements InputFile {
        final AtomicInteger closes = new AtomicInteger();
        private final BytesInputFile bytes = new BytesInputFile("shared.bin", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        @Override
        public String name() {
            return bytes.name();
        }

        @Override
        public long length() {
            return bytes.length();
        }

        @Override
        public MemorySegment read(long offset, long length, Arena arena) {
            return bytes.read(offset, length, arena);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void theFileClosesOnceTheOwnerAndEveryViewHaveLetGoWhicheverIsLast() {
        CountedClose file = new CountedClose();
        SharedInputFile shared = SharedInputFile.of(file);
        InputFile first = shared.view();
        InputFile second = shared.view();
        try (Arena arena = Arena.ofConfined()) {
            assertThat(second.read(2, 3, arena).toArray(ValueLayout.JAVA_BYTE)).containsExactly(3, 4, 5);
        }
        assertThat(first.name()).isEqualTo("shared.bin");
        shared.close();
        shared.close();
        first.close();
        first.close();
        assertThat(file.closes).as("a view is still open").hasValue(0);
        second.close();
        assertThat(file.closes).hasValue(1);
        assertThatThrownBy(shared::view).isInstanceOf(IllegalStateException.class).hasMessageContaining("shared.bin is closed");
    }

    @Test
    void withoutViewsTheOwnersCloseClosesTheFile() {
        CountedClose file = new CountedClose();
        SharedInputFile shared = SharedInputFile.of(file);
        shared.view().close();
        assertThat(file.closes).hasValue(0);
        shared.close();
        assertThat(file.closes).hasValue(1);
    }
}
