package io.pqflux.bench.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesHashTest {

    /** The segment form (word reads where the segment has room, bytes where not) hashes as the array form. */
    @Test
    void segmentAndArrayFormsAgree() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            int offset = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            int length = random.nextInt(bytes.length - offset + 1);
            long expected = BytesHash.of(bytes, offset, length);
            assertThat(BytesHash.of(MemorySegment.ofArray(bytes), offset, length)).as("round %d", round).isEqualTo(expected);
            byte[] tight = Arrays.copyOfRange(bytes, offset, offset + length);
            assertThat(BytesHash.of(MemorySegment.ofArray(tight))).isEqualTo(expected);
        }
        assertThat(BytesHash.of(new byte[] {1, 2, 3}, 0, 3)).isNotEqualTo(BytesHash.of(new byte[] {1, 2, 4}, 0, 3));
    }
}
