package io.pqflux.format.meta;

/** Edge interpolation of the GEOGRAPHY logical type; the ordinal is the Thrift id. */
public enum EdgeInterpolationAlgorithm {
    SPHERICAL, VINCENTY, THOMAS, ANDOYER, KARNEY;

    private static final EdgeInterpolationAlgorithm[] BY_ID = values();

    public static EdgeInterpolationAlgorithm fromThriftId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
