package io.pqflux.bench.checksum;

/**
 * The checksum every benchmark folds the values it reads into, identical for pqflux and parquet-java.
 *
 * <p>Per column, each entry (one definition level, nulls included) at its position in the column across the whole
 * file adds {@code mix(code, position)} to the column's sum: the code is the value's bits (int/long widened,
 * doubles via {@link Double#doubleToRawLongBits}, booleans 0/1, byte arrays via {@link BytesHash}) when defined,
 * else {@link #nullCode(int)} of its definition level; columns with repetition also fold their repetition level.
 * A sum keeps the fold free of a loop-carried multiply (the fold must cost far less than decoding) and lets
 * partial sums over row groups, computed on different threads, combine exactly in any order; the xor with the
 * position before the multiply makes it depend on where each value sits, not only on the multiset of values.
 */
public final class Fold {

    /** Part of cached reference checksums' names: bump when the fold changes. */
    public static final int VERSION = 1;

    private static final long POSITION_MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final long VALUE_MULTIPLIER = 0xD6E8FEB86659FD93L;
    private static final long NULL_BASE = 0x5A5A_0000_0000_0000L;
    private static final long LEVEL_TAG = 0x3C3C_0000_0000_0000L;

    private Fold() {
    }

    /** The contribution of one entry's code at {@code position}. */
    public static long mix(long code, long position) {
        return (code ^ (position * POSITION_MULTIPLIER)) * VALUE_MULTIPLIER;
    }

    /** The code of an entry that holds no value, by its definition level. */
    public static long nullCode(int definitionLevel) {
        return NULL_BASE + definitionLevel;
    }

    /** The code folded (in addition to the value or null code) for an entry of a repeated column. */
    public static long levelsCode(int repetitionLevel, int definitionLevel) {
        return LEVEL_TAG + (repetitionLevel << 8) + definitionLevel;
    }

    /** Combines the per-column sums in column order into one checksum. */
    public static long combine(long[] columnSums) {
        long h = columnSums.length;
        for (long sum : columnSums) h = Long.rotateLeft(h * POSITION_MULTIPLIER, 31) ^ sum;
        return h;
    }
}
