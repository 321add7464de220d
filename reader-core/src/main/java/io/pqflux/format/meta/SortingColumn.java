package io.pqflux.format.meta;

/** A sort key of a row group. */
public record SortingColumn(int columnIdx, boolean descending, boolean nullsFirst) {
}
