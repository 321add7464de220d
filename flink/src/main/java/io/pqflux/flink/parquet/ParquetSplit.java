package io.pqflux.flink.parquet;

import io.pqflux.flink.SizedSplit;
import io.pqflux.reactive.dataset.DatasetFile;
import java.util.Objects;

/**
 * One row group of one file of a dataset: rows {@code [firstRow, endRow)} of the file, of which the first
 * {@code emitted} records have gone out (a restored job skips them).
 *
 * @param file     the file below the dataset's root, with its identity and partition values as the listing saw them
 * @param rowGroup the row group's index
 * @param firstRow the row group's first row in the file
 * @param endRow   the row after its last
 * @param emitted  records already emitted
 * @param bytes    the row group's compressed bytes
 */
public record ParquetSplit(DatasetFile file, int rowGroup, long firstRow, long endRow, long emitted, long bytes) implements SizedSplit {

    public ParquetSplit {
        Objects.requireNonNull(file, "file");
        if (firstRow < 0 || endRow < firstRow || emitted < 0) {
            throw new IllegalArgumentException("bad split of " + file.path() + ": rows [" + firstRow + ", " + endRow + "), " + emitted + " emitted");
        }
    }

    @Override
    public String splitId() {
        return file.path() + "#" + rowGroup;
    }

    /** The split after one more record. */
    public ParquetSplit next() {
        return new ParquetSplit(file, rowGroup, firstRow, endRow, emitted + 1, bytes);
    }
}
