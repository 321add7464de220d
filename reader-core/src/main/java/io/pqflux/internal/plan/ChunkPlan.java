package io.pqflux.internal.plan;

import io.pqflux.filter.RowRanges;
import java.util.List;

/** What to read of one column chunk for some rows of its row group: byte ranges of whole pages, in file order. */
public sealed interface ChunkPlan {

    List<ByteRange> ranges();

    /** The rows of the row group the pages in the ranges hold. */
    RowRanges pageRows();

    /** The whole chunk: its pages are found by walking it up to the values its metadata declares. */
    record WholeChunk(ByteRange range, long rowCount) implements ChunkPlan {

        @Override
        public List<ByteRange> ranges() {
            return List.of(range);
        }

        @Override
        public RowRanges pageRows() {
            return RowRanges.all(rowCount);
        }
    }

    /**
     * The dictionary region and the data pages the offset index places over the wanted rows, adjacent pages in
     * one range.
     *
     * @param pageCount      data pages of the chunk
     * @param pages          of those, the pages in the ranges: their numbers in the offset index, ascending
     * @param firstDataPages per range, the number of the first data page in it (the AAD of an encrypted page needs it)
     */
    record SelectedPages(List<ByteRange> ranges, RowRanges pageRows, int pageCount, int[] pages, int[] firstDataPages)
            implements ChunkPlan {
    }
}
