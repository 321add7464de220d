package io.pqflux.testdata.random;

import java.util.SplittableRandom;

/**
 * Produces values of one leaf column, as the example Group API takes them: Integer, Long, Float, Double,
 * Boolean or {@link org.apache.parquet.io.api.Binary}; null only for columns that hold nothing but nulls.
 */
@FunctionalInterface
interface ValueSource {

    Object next(SplittableRandom random);

    /**
     * Draws from a pool of {@code size} values fixed up front, so a chunk's distinct values fit a dictionary
     * (small pools) or overflow it (large pools), which makes parquet-java fall back to plain mid-chunk.
     */
    default ValueSource pooled(int size, SplittableRandom random) {
        Object[] pool = new Object[size];
        for (int i = 0; i < size; i++) pool[i] = next(random);
        return r -> pool[r.nextInt(size)];
    }
}
