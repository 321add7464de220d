package io.pqflux.format.meta;

import java.util.List;

/** Statistics of GEOMETRY/GEOGRAPHY columns. */
public record GeospatialStatistics(BoundingBox bbox, List<Integer> geospatialTypes) {
}
