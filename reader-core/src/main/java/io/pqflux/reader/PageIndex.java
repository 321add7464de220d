package io.pqflux.reader;

import io.pqflux.format.meta.ColumnIndex;
import io.pqflux.format.meta.OffsetIndex;

/**
 * The page index of one column chunk, as {@link ParquetReader#pageIndex} read it.
 *
 * @param columnIndex per-page bounds and null counts, or null when the writer wrote none
 * @param offsetIndex per-page locations and first rows, or null when the writer wrote none
 */
public record PageIndex(ColumnIndex columnIndex, OffsetIndex offsetIndex) {
}
