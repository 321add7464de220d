package io.pqflux.internal.plan;

import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.PageLocation;
import io.pqflux.internal.filter.PageIndexPruning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns the rows a read wants of a row group into what to read of each column chunk ({@link ChunkPlan}). */
public final class ChunkPlanner {

    private ChunkPlanner() {
    }

    /**
     * @param offsets      the chunk's offset index (pages checked to lie in order within the chunk), or null: the
     *                     whole chunk is read
     * @param rowGroupRows the row group's row count
     * @param rows         the wanted rows, non-empty
     */
    public static ChunkPlan plan(ColumnMetaData meta, OffsetIndex offsets, long rowGroupRows, RowRanges rows) {
        if (offsets == null) {
            return new ChunkPlan.WholeChunk(new ByteRange(meta.chunkStart(), meta.chunkStart() + meta.totalCompressedSize()),
                    rowGroupRows);
        }
        long[] firstRows = PageIndexPruning.firstRows(offsets, rowGroupRows);
        List<PageLocation> locations = offsets.pageLocations();
        List<ByteRange> ranges = new ArrayList<>();
        List<Integer> firstPages = new ArrayList<>();
        // the dictionary page (if any) precedes the first data page, so data page 0 is the first that can follow it
        add(ranges, firstPages, meta.chunkStart(), locations.getFirst().offset(), 0);
        RowRanges.Builder pageRows = new RowRanges.Builder();
        int[] selected = new int[locations.size()];
        int selectedCount = 0;
        for (int page = 0; page < locations.size(); page++) {
            long end = page + 1 < locations.size() ? firstRows[page + 1] : rowGroupRows;
            if (!rows.overlaps(firstRows[page], end)) continue;
            PageLocation location = locations.get(page);
            add(ranges, firstPages, location.offset(), location.offset() + location.compressedPageSize(), page);
            pageRows.add(firstRows[page], end);
            selected[selectedCount++] = page;
        }
        return new ChunkPlan.SelectedPages(List.copyOf(ranges), pageRows.build(), locations.size(),
                Arrays.copyOf(selected, selectedCount), firstPages.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Adds {@code [start, end)}, which holds data page {@code page} or lies before it, after the ranges so far, extending
     * the last one when the two touch.
     */
    private static void add(List<ByteRange> ranges, List<Integer> firstPages, long start, long end, int page) {
        if (end <= start) return;
        if (!ranges.isEmpty() && ranges.getLast().end() == start) {
            ranges.set(ranges.size() - 1, new ByteRange(ranges.getLast().start(), end));
        } else {
            ranges.add(new ByteRange(start, end));
            firstPages.add(page);
        }
    }
}
