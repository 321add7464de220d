package io.pqflux.internal.codec.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class DefinitionLevelsTest {

    private static final byte[] LEVELS = {9, 2, 0, 2, 1, 2, 2, 0, 1, 2};

    @Test
    void countsEntriesAtTheMaximum() {
        assertThat(DefinitionLevels.countNonNull(Kernels.active(), MemorySegment.ofArray(LEVELS), 1, 9, 2)).isEqualTo(5);
        assertThat(DefinitionLevels.countNonNull(Kernels.active(), MemorySegment.ofArray(LEVELS), 1, 0, 2)).isZero();
    }

    @Test
    void aLevelAboveTheMaximumIsCorruptAndNamed() {
        byte[] levels = LEVELS.clone();
        levels[8] = 3;
        assertThatThrownBy(() -> DefinitionLevels.countNonNull(Kernels.active(), MemorySegment.ofArray(levels), 1, 9, 2))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessage("definition level 3 at entry 7 above the maximum 2");
    }

    @Test
    void validityMarksEntriesDefinedAtTheThreshold() {
        long[] words = {-1};
        DefinitionLevels.validity(Kernels.active(), MemorySegment.ofArray(LEVELS), 1, 9, 1, words);
        assertThat(words[0]).isEqualTo(0b1_1011_1101L);
        assertThatThrownBy(() -> DefinitionLevels.validity(Kernels.active(), MemorySegment.ofArray(LEVELS), 0, 10, 1, new long[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
