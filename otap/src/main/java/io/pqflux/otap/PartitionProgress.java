package io.pqflux.otap;

import io.pqflux.otap.internal.discovery.ExportScanner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which batches of one partition a consumer already has, so that a replay skips them: every batch up to {@link
 * #upTo()} in the order root files are read, and per root file every batch ending at or before the row {@link
 * #consumedRows()} records for it.
 *
 * <p>A consumer following a live export records its batches per root file. Root files do not become visible in the
 * order they were created: a file waits while its child tables still hold unflushed rows of its batches, and a later
 * file of the same table, whose children are flushed, may be renamed first (docs/otap-format.md §5.2). A single
 * position would then lie past an earlier file that is not listed yet, and that file's batches would be skipped when it
 * appears; recorded per file, they are replayed then, after the later file's.
 *
 * @param partition     the {@code _part_id} UUID, or the empty string when unpartitioned
 * @param upTo          every batch up to and including this position, in creation order of the root files, is
 *                      consumed; null when none is
 * @param consumedRows  per root file (its path relative to the base), the end row of the last consumed batch; the
 *                      batches of one file are consumed in order
 */
public record PartitionProgress(String partition, BatchPosition upTo, Map<String, Long> consumedRows) {

    public PartitionProgress {
        Objects.requireNonNull(partition, "partition");
        if (upTo != null && !upTo.partition().equals(partition)) {
            throw new IllegalArgumentException("the position " + upTo + " is not in partition '" + partition + "'");
        }
        consumedRows.forEach((file, row) -> {
            if (row < 0) throw new IllegalArgumentException("end row " + row + " of " + file + " < 0");
        });
        consumedRows = Map.copyOf(consumedRows);
    }

    /** Nothing of {@code partition} consumed. */
    public static PartitionProgress none(String partition) {
        return new PartitionProgress(partition, null, Map.of());
    }

    /** Everything up to and including {@code position}, in creation order of the root files, consumed. */
    public static PartitionProgress through(BatchPosition position) {
        return new PartitionProgress(position.partition(), position, Map.of());
    }

    /** This progress after the batch ending at {@code position} was consumed. */
    public PartitionProgress with(BatchPosition position) {
        if (!position.partition().equals(partition)) {
            throw new IllegalArgumentException("the position " + position + " is not in partition '" + partition + "'");
        }
        Map<String, Long> rows = new HashMap<>(consumedRows);
        rows.merge(position.rootFile(), position.endRow(), Math::max);
        return new PartitionProgress(partition, upTo, rows);
    }

    /**
     * This progress as it applies to {@code listedRoots}, the partition's root files a listing holds: {@link #upTo()}
     * becomes per-file records (every listed root file created before its file consumed whole, its own file up to its
     * end row), and the records of root files not listed (deleted by retention) are dropped. Progress that began as
     * one position thus stops depending on that position's file, which retention deletes in time. An {@code upTo}
     * whose file is neither listed nor named as the exporter names files is kept (the replay then refuses it).
     */
    public PartitionProgress against(List<PartFile> listedRoots) {
        Map<String, Long> rows = new HashMap<>();
        BatchPosition kept = upTo;
        if (upTo != null) {
            long upToMillis = listedRoots.stream().filter(f -> f.path().equals(upTo.rootFile())).findFirst()
                    .map(PartFile::createdMillis).orElseGet(() -> ExportScanner.createdMillis(upTo.rootFile()));
            if (upToMillis >= 0) {
                kept = null;
                for (PartFile file : listedRoots) {
                    int order = Long.compare(file.createdMillis(), upToMillis);
                    if (order == 0) order = file.path().compareTo(upTo.rootFile());
                    if (order < 0) rows.put(file.path(), Long.MAX_VALUE);
                    if (order == 0) rows.put(file.path(), upTo.endRow());
                }
            }
        }
        for (PartFile file : listedRoots) {
            Long row = consumedRows.get(file.path());
            if (row != null) rows.merge(file.path(), row, Math::max);
        }
        if (kept == upTo && rows.equals(consumedRows)) return this;
        return new PartitionProgress(partition, kept, rows);
    }

    /** Whether nothing is recorded as consumed. */
    public boolean isEmpty() {
        return upTo == null && consumedRows.isEmpty();
    }

    /**
     * Whether the per-file records hold the batch ending at {@code position}. Batches up to {@link #upTo()} are consumed
     * too, which needs the order of the listed root files: {@link #against} turns them into per-file records.
     */
    public boolean consumedInItsFile(BatchPosition position) {
        Long row = consumedRows.get(position.rootFile());
        return row != null && position.endRow() <= row;
    }
}
