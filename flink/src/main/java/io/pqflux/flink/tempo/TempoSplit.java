package io.pqflux.flink.tempo;

import io.pqflux.flink.SizedSplit;
import java.util.Objects;
import java.util.UUID;

/**
 * One row group of a Tempo block's {@code data.parquet}: rows {@code [firstRow, endRow)}, of which the first
 * {@code emitted} records have gone out (a restored job skips them).
 *
 * @param block    the block's ID
 * @param rowGroup the row group's index, for messages
 * @param firstRow the row group's first row in the file
 * @param endRow   the row after its last
 * @param emitted  records (traces or spans) already emitted
 * @param bytes    the row group's compressed bytes
 */
public record TempoSplit(UUID block, int rowGroup, long firstRow, long endRow, long emitted, long bytes) implements SizedSplit {

    public TempoSplit {
        Objects.requireNonNull(block, "block");
        if (firstRow < 0 || endRow < firstRow || emitted < 0) {
            throw new IllegalArgumentException("bad split of block " + block + ": rows [" + firstRow + ", " + endRow + "), " + emitted + " emitted");
        }
    }

    @Override
    public String splitId() {
        return block + "#" + rowGroup;
    }

    /** The split after one more record. */
    public TempoSplit next() {
        return new TempoSplit(block, rowGroup, firstRow, endRow, emitted + 1, bytes);
    }
}
