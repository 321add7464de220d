package io.pqflux.reader;

import io.pqflux.internal.decode.ColumnChunkDecoder;
import io.pqflux.column.ColumnVector;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.internal.filter.PageIndexPruning;
import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.format.meta.PageLocation;
import io.pqflux.internal.page.CountedPages;
import io.pqflux.internal.page.PageHeaderWalker;
import io.pqflux.internal.page.PageReader;
import io.pqflux.internal.page.PageRuns;
import io.pqflux.internal.page.RawPageSource;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes chosen rows of one column chunk into a vector holding exactly those rows. With an offset index only
 * the pages overlapping the rows are read (plus the dictionary page), adjacent ones in one read; without one the
 * whole chunk is. Either way the decoder skips the rows of those pages outside the chosen ones, since the pages of
 * different columns end at different rows.
 */
final class ColumnChunkReader {

    private ColumnChunkReader() {
    }

    /** @param rows non-empty rows of the row group */
    static ColumnVector read(RowGroupChunks chunks, ColumnDescriptor column, RowRanges rows) {
        boolean allRows = rows.equals(RowRanges.all(chunks.rowCount()));
        OffsetIndex offsets = allRows ? null : chunks.offsetIndex(column);
        if (offsets == null) return wholeChunk(chunks, column, allRows ? null : rows);
        return pages(chunks, column, rows, offsets);
    }

    /** @param rows the rows to keep, or null for all */
    private static ColumnVector wholeChunk(RowGroupChunks chunks, ColumnDescriptor column, RowRanges rows) {
        ColumnMetaData meta = chunks.meta(column);
        long start = meta.chunkStart();
        SourceLocation where = chunks.where(column).withOffset(start);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = chunks.file().read(start, meta.totalCompressedSize(), arena);
            chunks.chunkBytesRead(column, start, start + meta.totalCompressedSize());
            CountedPages pages = new CountedPages(new PageHeaderWalker(bytes, start, meta.numValues(), where));
            Decoded decoded = decode(chunks, column, meta, pages, meta.numValues(), bytes.byteSize(), rows,
                    chunks.rowCount(), where);
            chunks.counters().pages(pages.dataPages(), pages.dataPages());
            if (decoded.rows() != chunks.rowCount()) {
                decoded.vector().close();
                throw new CorruptFileException("column holds " + decoded.rows()
                        + (column.maxRepetitionLevel() == 0 ? " values" : " records") + " but the row group has "
                        + chunks.rowCount() + " rows", where);
            }
            return decoded.vector();
        } catch (ParquetException e) {
            throw e.locatedIn(where);
        }
    }

    private static ColumnVector pages(RowGroupChunks chunks, ColumnDescriptor column, RowRanges rows, OffsetIndex offsets) {
        ColumnMetaData meta = chunks.meta(column);
        SourceLocation where = chunks.where(column).withOffset(meta.chunkStart());
        try (Arena arena = Arena.ofConfined()) {
            long[] firstRows = PageIndexPruning.firstRows(offsets, chunks.rowCount());
            List<PageLocation> locations = offsets.pageLocations();
            ByteRanges ranges = new ByteRanges();
            // The dictionary page (if any) precedes the first data page.
            ranges.add(meta.chunkStart(), locations.getFirst().offset());
            RowRanges.Builder covered = new RowRanges.Builder();
            int selected = 0;
            for (int page = 0; page < locations.size(); page++) {
                long end = page + 1 < locations.size() ? firstRows[page + 1] : chunks.rowCount();
                if (!rows.overlaps(firstRows[page], end)) continue;
                PageLocation location = locations.get(page);
                ranges.add(location.offset(), location.offset() + location.compressedPageSize());
                covered.add(firstRows[page], end);
                selected++;
            }
            chunks.counters().pages(locations.size(), selected);
            List<PageRuns.Run> runs = new ArrayList<>();
            long runBytes = 0;
            for (int k = 0; k < ranges.count(); k++) {
                long length = ranges.end(k) - ranges.start(k);
                runs.add(new PageRuns.Run(chunks.file().read(ranges.start(k), length, arena), ranges.start(k)));
                runBytes += length;
                chunks.chunkBytesRead(column, ranges.start(k), ranges.end(k));
            }
            long values = PageRuns.valueCount(runs, where);
            RowRanges coveredRows = covered.build();
            Decoded decoded = decode(chunks, column, meta, new PageRuns(runs, where), values, runBytes,
                    rows.equals(coveredRows) ? null : within(rows, coveredRows), coveredRows.rowCount(), where);
            if (decoded.rows() != coveredRows.rowCount()) {
                decoded.vector().close();
                throw new CorruptFileException("the pages read hold " + decoded.rows() + " rows but the offset index gives them "
                        + coveredRows.rowCount() + " rows", where);
            }
            return decoded.vector();
        } catch (ParquetException e) {
            throw e.locatedIn(where);
        }
    }

    /** A decoded vector and the rows its pages held, kept or not. */
    private record Decoded(ColumnVector vector, long rows) {
    }

    /** @param keep rows to keep, counted from the pages' first row; null keeps every row */
    private static Decoded decode(RowGroupChunks chunks, ColumnDescriptor column, ColumnMetaData meta, RawPageSource pages,
                                  long values, long sourceBytes, RowRanges keep, long pageRows, SourceLocation where) {
        try (ColumnChunkDecoder decoder = new ColumnChunkDecoder(column, chunks.options().decodeOptions(), where);
             DecompressorPool.Lease codec = chunks.decompressor(meta.codec());
             PageReader reader = new PageReader(pages, meta.codec(), codec.decompressor(),
                     chunks.pageOptions(), where)) {
            ColumnVector vector = keep == null ? decoder.decode(reader, values, sourceBytes)
                    : decoder.decode(reader, values, sourceBytes, keep, pageRows);
            return new Decoded(vector, decoder.rowCount());
        }
    }

    /** {@code rows}, which lie within {@code covered}, counted over the rows of {@code covered}. */
    private static RowRanges within(RowRanges rows, RowRanges covered) {
        RowRanges.Builder local = new RowRanges.Builder();
        for (int k = 0; k < rows.intervalCount(); k++) {
            long start = covered.positionOf(rows.start(k));
            local.add(start, start + rows.end(k) - rows.start(k));
        }
        return local.build();
    }

    /** File byte ranges added in increasing order; touching ranges merge into one read. */
    private static final class ByteRanges {

        private final List<long[]> ranges = new ArrayList<>();

        void add(long start, long end) {
            if (end <= start) return;
            long[] last = ranges.isEmpty() ? null : ranges.getLast();
            if (last != null && start == last[1]) last[1] = end;
            else ranges.add(new long[] {start, end});
        }

        int count() {
            return ranges.size();
        }

        long start(int k) {
            return ranges.get(k)[0];
        }

        long end(int k) {
            return ranges.get(k)[1];
        }
    }
}
