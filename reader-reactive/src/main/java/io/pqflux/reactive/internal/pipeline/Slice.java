package io.pqflux.reactive.internal.pipeline;

import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.reader.ParquetReader;
import io.pqflux.schema.ColumnDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows {@code [start, end)} of one row group: the unit a scan fetches, decodes and emits. Row groups are cut into
 * slices of at most the batch size so that a 5M-row row group never needs all its vectors at once.
 *
 * @param decodedBytes what decoding the slice is expected to hold: the projected chunks' uncompressed bytes, pro
 *                     rata of the rows, each rounded up to the pool's power-of-two segment size
 * @param chunkBytes   the row group's projected chunks' compressed bytes: at most what its plan fetches of them,
 *                     once for all its slices (reserved by the first)
 */
public record Slice(int rowGroup, long start, long end, long decodedBytes, long chunkBytes) {

    public RowRanges rows() {
        return RowRanges.range(start, end);
    }

    /** Every slice of the file's row groups, in file order. */
    public static List<Slice> of(ParquetReader reader, int batchRows) {
        List<Slice> slices = new ArrayList<>();
        List<RowGroup> rowGroups = reader.metaData().rowGroups();
        for (int g = 0; g < rowGroups.size(); g++) {
            RowGroup rowGroup = rowGroups.get(g);
            long rows = rowGroup.numRows();
            long compressed = 0;
            List<Long> uncompressed = new ArrayList<>();
            for (ColumnDescriptor column : reader.projectedColumns()) {
                ColumnChunk chunk = rowGroup.columns().get(column.index());
                if (chunk.metaData() == null) continue;
                uncompressed.add(Math.max(chunk.metaData().totalUncompressedSize(), 0));
                compressed += Math.max(chunk.metaData().totalCompressedSize(), 0);
            }
            for (long start = 0; start < rows; start += batchRows) {
                long end = Math.min(rows, start + batchRows);
                double share = (double) (end - start) / rows;
                long decoded = 0;
                // vectors live in pooled power-of-two segments: a column's bytes, rounded up to the next class
                for (long bytes : uncompressed) decoded += pooledSize((long) (bytes * share));
                slices.add(new Slice(g, start, end, decoded, compressed));
            }
        }
        return slices;
    }

    private static long pooledSize(long bytes) {
        return bytes <= 1 ? bytes : Long.highestOneBit(bytes - 1) << 1;
    }
}
