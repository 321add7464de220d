package io.pqflux.column;

/** Whether a dictionary-encoded column chunk is decoded to its values or kept as dictionary ids + dictionary. */
public enum DictionaryForm {
    /** Every value materialised: dense values (and byte-array offsets), no ids. */
    MATERIALIZED,
    /**
     * Byte arrays stay ids into the dictionary, so strings are not copied until asked for; fixed-width values are
     * materialised (a gather costs less than an indirection on every read). The default.
     */
    KEPT_FOR_BYTE_ARRAYS,
    /** Every dictionary-encoded chunk stays ids + dictionary. */
    KEPT;

    /** Whether a dictionary-encoded chunk of byte arrays (or of fixed-width values) stays ids + dictionary. */
    public boolean keeps(boolean byteArrays) {
        return this == KEPT || (this == KEPT_FOR_BYTE_ARRAYS && byteArrays);
    }
}
