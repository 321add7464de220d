package io.pqflux.format.meta;

import java.util.List;

/** Unencoded sizes and level histograms of a column chunk (all optional). */
public record SizeStatistics(
        Long unencodedByteArrayDataBytes,
        List<Long> repetitionLevelHistogram,
        List<Long> definitionLevelHistogram) {
}
