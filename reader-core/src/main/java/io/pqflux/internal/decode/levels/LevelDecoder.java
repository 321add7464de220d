package io.pqflux.internal.decode.levels;

import io.pqflux.internal.codec.simd.DefinitionLevels;
import io.pqflux.internal.codec.simd.LevelKernels;
import java.lang.foreign.MemorySegment;

/**
 * The repetition or definition levels of one data page, one byte each, consumed front to back: each call reads
 * or skips a run of them. A skip reports how many of the skipped levels are at the maximum, which for definition
 * levels is the number of values to skip with them.
 */
public abstract sealed class LevelDecoder permits HybridLevels, BitPackedLevels {

    /**
     * Levels a skip decodes at once to count them: the scratch is made per page, and a larger one showed in a
     * search's allocation profile.
     */
    private static final int SKIP_CHUNK = 512;

    private final int maxLevel;
    private final LevelKernels kernels;
    private MemorySegment scratch;

    LevelDecoder(int maxLevel, LevelKernels kernels) {
        this.maxLevel = maxLevel;
        this.kernels = kernels;
    }

    /** Bits per level for levels up to {@code maxLevel}. */
    static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }

    /** Decodes the next {@code count} levels to {@code dst} from {@code offset} on. */
    public abstract void read(int count, MemorySegment dst, long offset);

    /**
     * Moves past the next {@code count} levels and returns how many equal the maximum level. They are decoded into
     * scratch memory to be counted, and checked as read levels are.
     *
     * @throws io.pqflux.error.CorruptFileException naming a level above the maximum
     */
    public final int skip(int count) {
        int chunk = Math.min(SKIP_CHUNK, count);
        if (scratch == null || scratch.byteSize() < chunk) scratch = MemorySegment.ofArray(new byte[chunk]);
        int atMaximum = 0;
        for (int done = 0; done < count; ) {
            int n = Math.min(chunk, count - done);
            read(n, scratch, 0);
            atMaximum += DefinitionLevels.countNonNull(kernels, scratch, 0, n, maxLevel);
            done += n;
        }
        return atMaximum;
    }

    /** Where this page's levels end in its bytes: the next section of a V1 page starts there. */
    public abstract long end();
}
