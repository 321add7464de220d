package io.pqflux.format.meta;

/** Legacy type annotations; the ordinal is the Thrift id. Superseded by {@link LogicalType}. */
public enum ConvertedType {
    UTF8, MAP, MAP_KEY_VALUE, LIST, ENUM, DECIMAL, DATE, TIME_MILLIS, TIME_MICROS, TIMESTAMP_MILLIS,
    TIMESTAMP_MICROS, UINT_8, UINT_16, UINT_32, UINT_64, INT_8, INT_16, INT_32, INT_64, JSON, BSON, INTERVAL;

    private static final ConvertedType[] BY_ID = values();

    /** Returns null for ids this reader does not know; such an annotation is treated as absent. */
    public static ConvertedType fromThriftId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
