package io.pqflux.internal.codec.encoding;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import org.junit.jupiter.api.Test;

class InputBoundsTest {

    @Test
    void aNegativeByteCountIsCorruptNotAnEmptyRead() {
        // a size computed from a hostile header can come out negative; it must not pass as "fits"
        assertThatThrownBy(() -> InputBounds.require("miniblock", 4, 16, -8))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("miniblock needs -8 bytes at offset 4");
    }

    @Test
    void countsThatFitPass() {
        assertThatCode(() -> InputBounds.require("miniblock", 4, 16, 12)).doesNotThrowAnyException();
        assertThatCode(() -> InputBounds.require("miniblock", 16, 16, 0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> InputBounds.require("miniblock", 4, 16, 13))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("only 12 remain");
    }
}
