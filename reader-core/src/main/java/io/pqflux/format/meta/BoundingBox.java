package io.pqflux.format.meta;

/** Bounding box of GEOMETRY/GEOGRAPHY values; z and m bounds are optional. */
public record BoundingBox(
        double xmin, double xmax, double ymin, double ymax,
        Double zmin, Double zmax, Double mmin, Double mmax) {
}
