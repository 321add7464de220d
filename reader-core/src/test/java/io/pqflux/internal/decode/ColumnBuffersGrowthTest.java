package io.pqflux.internal.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.ResourceLimitException;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.schema.ColumnDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a chunk's value buffer grows past its presize: the declaration alone reserves no more than the presize; once
 * decoded entries prove part of it, one step reaches up to eight times what they need, never past the declared size;
 * past the declared size, growth is geometric as before; the column limit bounds every step.
 */
class ColumnBuffersGrowthTest {

    private static final ColumnDescriptor INT64 = new ColumnDescriptor(0, "x", List.of("x"), PhysicalType.INT64, 0,
            FieldRepetitionType.REQUIRED, 0, 0, null, null, 0, 0, List.of(FieldRepetitionType.REQUIRED));
    private static final long PRESIZE_FLOOR = 1 << 16;

    @Test
    void aDeclarationAloneReservesNoMoreThanThePresize() {
        try (ColumnBuffers buffers = new ColumnBuffers(INT64, Long.MAX_VALUE, false)) {
            buffers.presize(Integer.MAX_VALUE, 10);
            assertThat(buffers.reserveValues(1).byteSize()).isLessThanOrEqualTo(2 * PRESIZE_FLOOR);
        }
    }

    @Test
    void growsByAtMostEightTimesWhatDecodedValuesNeedAndNotPastTheDeclaration() {
        int declared = 1_000_000;
        try (ColumnBuffers buffers = new ColumnBuffers(INT64, Long.MAX_VALUE, false)) {
            buffers.presize(declared, 10);
            int presized = (int) (buffers.reserveValues(1).byteSize() / Long.BYTES);
            buffers.valuesWritten(presized);
            long required = (presized + 1L) * Long.BYTES;
            long grown = buffers.reserveValues(1).byteSize();
            assertThat(grown).isGreaterThanOrEqualTo(8 * required).isLessThanOrEqualTo(16 * required);

            // each further step grows eightfold until it reaches the declared size (rounded up to the pool's size
            // class when pooling), never beyond it; without pooling's power-of-two classes that takes more steps
            long declaredBytes = (long) declared * Long.BYTES;
            long capacity = grown;
            int steps = 1;
            while (capacity < declaredBytes) {
                buffers.valuesWritten((int) (capacity / Long.BYTES) - buffers.valueCount());
                long needed = capacity + Long.BYTES;
                long next = buffers.reserveValues(1).byteSize();
                assertThat(next).isGreaterThanOrEqualTo(Math.min(8 * needed, declaredBytes))
                        .isLessThanOrEqualTo(16 * needed);
                capacity = next;
                steps++;
            }
            assertThat(capacity).isLessThan(2 * declaredBytes);
            assertThat(steps).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void pastTheDeclaredSizeGrowthIsGeometric() {
        try (ColumnBuffers buffers = new ColumnBuffers(INT64, Long.MAX_VALUE, false)) {
            buffers.presize(100, 10);
            long capacity = buffers.reserveValues(1).byteSize();
            buffers.valuesWritten((int) (capacity / Long.BYTES));
            long grown = buffers.reserveValues(1).byteSize();
            assertThat(grown).isGreaterThanOrEqualTo(2 * capacity).isLessThanOrEqualTo(4 * capacity);
        }
    }

    @Test
    void theColumnLimitBoundsEveryStep() {
        long limit = 3 * PRESIZE_FLOOR;
        try (ColumnBuffers buffers = new ColumnBuffers(INT64, limit, false)) {
            buffers.presize(1_000_000, 10);
            long capacity = buffers.reserveValues(1).byteSize();
            buffers.valuesWritten((int) (capacity / Long.BYTES));
            assertThat(buffers.reserveValues(1).byteSize()).isLessThanOrEqualTo(4 * PRESIZE_FLOOR);
            assertThatThrownBy(() -> buffers.reserveValues((int) (limit / Long.BYTES)))
                    .isInstanceOf(ResourceLimitException.class).hasMessageContaining("above the limit of " + limit);
        }
    }
}
