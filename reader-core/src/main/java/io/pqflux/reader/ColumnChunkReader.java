package io.pqflux.reader;

import io.pqflux.column.ColumnVector;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.OffsetIndex;
import io.pqflux.internal.decode.ColumnChunkDecoder;
import io.pqflux.internal.page.CountedPages;
import io.pqflux.internal.page.PageHeaderWalker;
import io.pqflux.internal.page.PageReader;
import io.pqflux.internal.page.PageRuns;
import io.pqflux.internal.page.RawPageSource;
import io.pqflux.internal.plan.ByteRange;
import io.pqflux.internal.plan.ChunkPlan;
import io.pqflux.internal.plan.ChunkPlanner;
import io.pqflux.internal.plan.RowGroupReads;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes chosen rows of one column chunk into a vector holding exactly those rows. With an offset index only
 * the pages overlapping the rows are read (plus the dictionary page); without one the whole chunk is
 * ({@link ChunkPlanner}). Either way the decoder skips the rows of those pages outside the chosen ones, since the
 * pages of different columns end at different rows.
 */
final class ColumnChunkReader {

    private ColumnChunkReader() {
    }

    /** What to read of the chunk for {@code rows}, non-empty rows of the row group. */
    static ChunkPlan plan(RowGroupChunks chunks, ColumnDescriptor column, RowRanges rows) {
        ColumnMetaData meta = chunks.meta(column);
        try {
            OffsetIndex offsets = rows.equals(RowRanges.all(chunks.rowCount())) ? null : chunks.offsetIndex(column);
            return ChunkPlanner.plan(meta, offsets, chunks.rowCount(), rows);
        } catch (ParquetException e) {
            throw e.locatedIn(chunks.where(column).withOffset(meta.chunkStart()));
        }
    }

    /**
     * Decodes {@code rows} of the chunk from the bytes of its {@code plan}, held by {@code lease},
     * which it releases.
     */
    static ColumnVector read(RowGroupChunks chunks, ColumnDescriptor column, RowRanges rows, ChunkPlan plan,
                             RowGroupReads.Lease lease) {
        ColumnMetaData meta = chunks.meta(column);
        SourceLocation where = chunks.where(column).withOffset(meta.chunkStart());
        try {
            List<MemorySegment> bytes = lease.bytes();
            long sourceBytes = 0;
            for (ByteRange range : plan.ranges()) {
                chunks.chunkBytesRead(column, range.start(), range.end());
                sourceBytes += range.length();
            }
            RowRanges pageRows = plan.pageRows();
            RowRanges keep = rows.equals(pageRows) ? null : within(rows, pageRows);
            return switch (plan) {
                case ChunkPlan.WholeChunk whole -> {
                    CountedPages pages = new CountedPages(new PageHeaderWalker(bytes.getFirst(), whole.range().start(),
                            meta.numValues(), chunks.pageEncryption(column), where));
                    Decoded decoded = decode(chunks, column, meta, pages, meta.numValues(), sourceBytes, keep, pageRows, where);
                    chunks.pagesDecoded(column, pages.dataPages(), null);
                    yield decoded.checked(pageRows, "column holds %d" + (column.maxRepetitionLevel() == 0 ? " values" : " records")
                            + " but the row group has %d rows", where);
                }
                case ChunkPlan.SelectedPages selected -> {
                    chunks.pagesDecoded(column, selected.pageCount(), selected.pages());
                    List<PageRuns.Run> runs = new ArrayList<>(bytes.size());
                    for (int k = 0; k < bytes.size(); k++) {
                        runs.add(new PageRuns.Run(bytes.get(k), plan.ranges().get(k).start(), selected.firstDataPages()[k]));
                    }
                    PageHeaderWalker.Encryption encryption = chunks.pageEncryption(column);
                    long values = PageRuns.valueCount(runs, encryption, where);
                    Decoded decoded = decode(chunks, column, meta, new PageRuns(runs, encryption, where), values, sourceBytes, keep,
                            pageRows, where);
                    yield decoded.checked(pageRows, "the pages read hold %d rows but the offset index gives them %d rows", where);
                }
            };
        } catch (ParquetException e) {
            throw e.locatedIn(where);
        } finally {
            lease.release();
        }
    }

    /** A decoded vector and the rows its pages held, kept or not. */
    private record Decoded(ColumnVector vector, long rows) {

        /** The vector, once the pages are known to hold {@code pageRows}; else it is closed and the error says so. */
        ColumnVector checked(RowRanges pageRows, String mismatch, SourceLocation where) {
            if (rows == pageRows.rowCount()) return vector;
            vector.close();
            throw new CorruptFileException(mismatch.formatted(rows, pageRows.rowCount()), where);
        }
    }

    /** @param keep rows to keep, counted from the pages' first row; null keeps every row */
    private static Decoded decode(RowGroupChunks chunks, ColumnDescriptor column, ColumnMetaData meta, RawPageSource pages,
                                  long values, long sourceBytes, RowRanges keep, RowRanges pageRows, SourceLocation where) {
        try (ColumnChunkDecoder decoder = new ColumnChunkDecoder(column, chunks.options().decodeOptions(), where);
             DecompressorPool.Lease codec = chunks.decompressor(meta.codec());
             PageReader reader = new PageReader(pages, meta.codec(), codec.decompressor(), chunks.pageOptions(), where)) {
            ColumnVector vector = keep == null ? decoder.decode(reader, values, sourceBytes)
                    : decoder.decode(reader, values, sourceBytes, keep, pageRows.rowCount());
            return new Decoded(vector, decoder.rowCount());
        }
    }

    /** {@code rows}, which lie within {@code pageRows}, counted over the rows of {@code pageRows}. */
    private static RowRanges within(RowRanges rows, RowRanges pageRows) {
        RowRanges.Builder local = new RowRanges.Builder();
        for (int k = 0; k < rows.intervalCount(); k++) {
            long start = pageRows.positionOf(rows.start(k));
            local.add(start, start + rows.end(k) - rows.start(k));
        }
        return local.build();
    }
}
