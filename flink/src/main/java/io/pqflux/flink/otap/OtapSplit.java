package io.pqflux.flink.otap;

import io.pqflux.flink.SizedSplit;
import io.pqflux.otap.PartitionProgress;
import java.util.Objects;

/**
 * One partition ({@code _part_id}) of an OTAP export, the unit its batches are joined in, and where its replay stands:
 * the batches already emitted, per root file (a root file can become visible after a later one of its partition). A
 * restored job replays exactly the batches not emitted yet.
 *
 * @param partition the partition's UUID, or the empty string for an unpartitioned export
 * @param progress  the batches emitted
 * @param bytes     the partition's files' bytes when planned
 */
public record OtapSplit(String partition, PartitionProgress progress, long bytes) implements SizedSplit {

    public OtapSplit {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(progress, "progress");
        if (!progress.partition().equals(partition)) {
            throw new IllegalArgumentException("progress of partition '" + progress.partition() + "' is not of partition '"
                    + partition + "'");
        }
    }

    /** The split of {@code partition} with nothing emitted yet. */
    public static OtapSplit unread(String partition, long bytes) {
        return new OtapSplit(partition, PartitionProgress.none(partition), bytes);
    }

    @Override
    public String splitId() {
        return "otap:" + partition;
    }

    /** The split with {@code next} as its progress. */
    public OtapSplit withProgress(PartitionProgress next) {
        return new OtapSplit(partition, next, bytes);
    }
}
