package io.pqflux.tempo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A block's meta checked against the {@code data.parquet} it describes: the traces (rows), row groups and bytes the
 * file holds, which are the figures to show, and the meta's figures the file contradicts. {@code meta.json} is
 * written by whoever wrote the bucket, so its counts are claims: a meta may say {@code totalObjects} 10^15 of a file
 * of 134 rows. The file's own figures come from its length and its footer.
 *
 * @param meta      the block's meta as read
 * @param traces    the rows of data.parquet, one per trace, from its footer
 * @param rowGroups the row groups of data.parquet, from its footer
 * @param bytes     the byte length of data.parquet
 */
public record CheckedBlock(BlockMeta meta, long traces, int rowGroups, long bytes) {

    public CheckedBlock {
        Objects.requireNonNull(meta, "meta");
    }

    /** Whether the meta's {@code totalObjects} differs from the file's row count. */
    public boolean totalObjectsContradicted() {
        return meta.totalObjects() != traces;
    }

    /** Whether the meta gives a {@code size} (0 when it omits it) other than the file's length. */
    public boolean sizeContradicted() {
        return meta.size() != 0 && meta.size() != bytes;
    }

    /**
     * The meta's figures the file contradicts, each with the file's own, e.g. {@code totalObjects 1000000000000000
     * (data.parquet: 134 rows)}; empty when the file bears the meta out.
     */
    public List<String> contradictions() {
        List<String> found = new ArrayList<>(2);
        if (totalObjectsContradicted()) {
            found.add("totalObjects " + meta.totalObjects() + " (data.parquet: " + traces + " rows)");
        }
        if (sizeContradicted()) found.add("size " + meta.size() + " (data.parquet: " + bytes + " bytes)");
        return List.copyOf(found);
    }
}
