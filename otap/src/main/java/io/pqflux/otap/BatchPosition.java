package io.pqflux.otap;

import java.util.Objects;

/**
 * Where a rebuilt batch ends in its partition's root table: after row {@code endRow} (exclusive) of {@code rootFile}.
 * Batches never span root files (the exporter never splits a batch across files), so a replay resumed after a position
 * emits exactly the batches that follow it.
 *
 * @param partition the {@code _part_id} UUID, or the empty string when unpartitioned
 * @param rootFile  the root table file's path relative to the base
 * @param endRow    the root file's row index right after the batch
 */
public record BatchPosition(String partition, String rootFile, long endRow) {

    public BatchPosition {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(rootFile, "rootFile");
        if (endRow < 0) throw new IllegalArgumentException("endRow " + endRow + " < 0");
    }
}
