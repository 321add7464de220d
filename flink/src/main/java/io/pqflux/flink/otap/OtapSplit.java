package io.pqflux.flink.otap;

import io.pqflux.flink.SizedSplit;
import io.pqflux.otap.BatchPosition;
import java.util.Objects;

/**
 * One partition ({@code _part_id}) of an OTAP export, the unit its batches are joined in, and where its replay stands:
 * after the batch at {@code position} (null: from the start). A restored job replays exactly the batches after it.
 *
 * @param partition the partition's UUID, or the empty string for an unpartitioned export
 * @param position  the last batch emitted, or null
 * @param bytes     the partition's files' bytes when planned
 */
public record OtapSplit(String partition, BatchPosition position, long bytes) implements SizedSplit {

    public OtapSplit {
        Objects.requireNonNull(partition, "partition");
        if (position != null && !position.partition().equals(partition)) {
            throw new IllegalArgumentException("position " + position + " is not in partition '" + partition + "'");
        }
    }

    @Override
    public String splitId() {
        return "otap:" + partition;
    }

    /** The split resumed after the batch ending at {@code next}. */
    public OtapSplit withPosition(BatchPosition next) {
        return new OtapSplit(partition, next, bytes);
    }
}
