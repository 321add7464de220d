package io.pqflux.format.meta;

import java.util.List;

/** Per-page bounds and counts of a column chunk; the i-th entry of each list describes page i. */
public record ColumnIndex(
        List<Boolean> nullPages,
        List<BinaryValue> minValues,
        List<BinaryValue> maxValues,
        BoundaryOrder boundaryOrder,
        List<Long> nullCounts,
        List<Long> repetitionLevelHistograms,
        List<Long> definitionLevelHistograms,
        List<Long> nanCounts) {
}
