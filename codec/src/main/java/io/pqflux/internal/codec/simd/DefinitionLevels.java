package io.pqflux.internal.codec.simd;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** What the column assemblers derive from decoded definition levels (one byte each), on the caller's kernels. */
public final class DefinitionLevels {

    private DefinitionLevels() {}

    /**
     * The number of the {@code count} levels from {@code offset} that equal {@code maxDefinition}: the
     * non-null values a page holds.
     *
     * @throws CorruptFileException naming the first level above {@code maxDefinition} and its entry
     */
    public static int countNonNull(LevelKernels kernels, MemorySegment levels, long offset, int count, int maxDefinition) {
        requireLevel(maxDefinition);
        int nonNull = kernels.countEqualUnlessAbove(levels, offset, count, maxDefinition);
        if (nonNull >= 0) return nonNull;
        for (int i = 0; ; i++) {
            int level = levels.get(ValueLayout.JAVA_BYTE, offset + i) & 0xFF;
            if (level > maxDefinition) {
                throw new CorruptFileException("definition level " + level + " at entry " + i + " above the maximum " + maxDefinition);
            }
        }
    }

    /**
     * Sets bit {@code i} of {@code words} where level {@code i} of the {@code count} from {@code offset} is
     * at least {@code threshold} (the slot is defined at that depth), clearing the others; fills words
     * {@code 0 .. ceil(count / 64) - 1}, which must exist.
     */
    public static void validity(LevelKernels kernels, MemorySegment levels, long offset, int count, int threshold,
                                long[] words) {
        requireLevel(threshold);
        if (words.length < (count + 63L) >>> 6) {
            throw new IllegalArgumentException(words.length + " words cannot hold " + count + " validity bits");
        }
        kernels.atLeast(levels, offset, count, threshold, words);
    }

    /** Levels are stored one unsigned byte each. */
    private static void requireLevel(int level) {
        if (level < 0 || level > 255) throw new IllegalArgumentException("level " + level + " outside 0..255");
    }
}
