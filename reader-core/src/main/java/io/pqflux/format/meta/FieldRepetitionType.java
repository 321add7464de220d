package io.pqflux.format.meta;

/** How often a field occurs in its parent; the ordinal is the Thrift id. */
public enum FieldRepetitionType {
    REQUIRED, OPTIONAL, REPEATED, VECTOR;

    private static final FieldRepetitionType[] BY_ID = values();

    public static FieldRepetitionType fromThriftId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
