package io.pqflux.format.meta;

import java.util.List;

/** Page locations of a column chunk. */
public record OffsetIndex(List<PageLocation> pageLocations, List<Long> unencodedByteArrayDataBytes) {
}
