package io.pqflux.format.meta;

/** Ordering of the bounds in a {@link ColumnIndex}; the ordinal is the Thrift id. */
public enum BoundaryOrder {
    UNORDERED, ASCENDING, DESCENDING;

    private static final BoundaryOrder[] BY_ID = values();

    public static BoundaryOrder fromThriftId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
