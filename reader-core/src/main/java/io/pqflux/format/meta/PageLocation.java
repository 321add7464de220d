package io.pqflux.format.meta;

/** Where a data page lives and which row it starts with. */
public record PageLocation(long offset, int compressedPageSize, long firstRowIndex) {
}
