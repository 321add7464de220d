package io.pqflux.format.meta;

/**
 * The order the min/max statistics of a column follow. {@link #UNKNOWN} stands for a union member this
 * reader does not know: statistics of such a column must be ignored.
 */
public enum ColumnOrder {
    TYPE_ORDER, IEEE_754_TOTAL_ORDER, INT96_TIMESTAMP_ORDER, UNKNOWN
}
