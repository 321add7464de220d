package io.pqflux.format.meta;

import java.util.List;

/** A horizontal slice of the file: one column chunk per leaf column. */
public record RowGroup(
        List<ColumnChunk> columns,
        long totalByteSize,
        long numRows,
        List<SortingColumn> sortingColumns,
        Long fileOffset,
        Long totalCompressedSize,
        Short ordinal) {
}
