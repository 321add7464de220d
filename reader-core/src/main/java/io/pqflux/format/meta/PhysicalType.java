package io.pqflux.format.meta;

/** Parquet physical types ({@code Type} in parquet.thrift); the ordinal is the Thrift id. */
public enum PhysicalType {
    BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY;

    private static final PhysicalType[] BY_ID = values();

    /** Returns null for ids this reader does not know. */
    public static PhysicalType fromThriftId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
