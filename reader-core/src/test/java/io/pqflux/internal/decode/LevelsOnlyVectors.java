package io.pqflux.internal.decode;

import io.pqflux.column.ColumnVector;

import io.pqflux.internal.memory.OffHeapBuffer;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;

/** Column vectors holding only levels, for tests of what is computed from levels. */
public final class LevelsOnlyVectors {

    private LevelsOnlyVectors() {
    }

    /**
     * The caller closes the vector. Values are absent: only the count of non-null values is recorded. Repetition levels
     * null for a column without.
     */
    public static ColumnVector of(ColumnDescriptor column, int[] definitionLevels, int[] repetitionLevels) {
        int size = definitionLevels.length;
        int valueCount = 0;
        for (int d : definitionLevels) if (d == column.maxDefinitionLevel()) valueCount++;
        return ColumnVectors.create(column, size, valueCount, levels(definitionLevels),
                repetitionLevels == null ? null : levels(repetitionLevels),
                new OffHeapBuffer(8), null, null, 0);
    }

    private static OffHeapBuffer levels(int[] levels) {
        OffHeapBuffer buffer = new OffHeapBuffer(Math.max(1, levels.length));
        MemorySegment segment = buffer.segment();
        for (int i = 0; i < levels.length; i++) segment.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) levels[i]);
        return buffer;
    }
}
