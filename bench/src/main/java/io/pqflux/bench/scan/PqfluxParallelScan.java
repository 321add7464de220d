package io.pqflux.bench.scan;

import io.pqflux.bench.checksum.Fold;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.ColumnDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Reads every leaf with pqflux on several threads: one task per (row group, column), so even a file with a single
 * row group keeps every thread busy. {@link ParquetReader} is not thread-safe, so each task borrows a reader
 * projected to its column from a per-column pool (opened on first need, reused across scans). Each task folds into
 * its own partial sum at its column's position; the partials are added per column, which is exact in any order.
 */
public final class PqfluxParallelScan implements AutoCloseable {

    private final Path file;
    private final ExecutorService pool;
    private final List<ColumnDescriptor> columns;
    /** Entry position of each (row group, column) chunk's first entry within its column. */
    private final long[][] firstPositions;
    private final List<ConcurrentLinkedQueue<ParquetReader>> readers = new ArrayList<>();
    private final ConcurrentLinkedQueue<ParquetReader> opened = new ConcurrentLinkedQueue<>();

    public PqfluxParallelScan(Path file, ExecutorService pool) {
        this.file = file;
        this.pool = pool;
        try (ParquetReader reader = ParquetReader.open(file)) {
            this.columns = reader.projectedColumns();
            List<RowGroup> rowGroups = reader.metaData().rowGroups();
            this.firstPositions = new long[rowGroups.size()][columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                long position = 0;
                for (int g = 0; g < rowGroups.size(); g++) {
                    firstPositions[g][c] = position;
                    position += rowGroups.get(g).columns().get(columns.get(c).index()).metaData().numValues();
                }
            }
        }
        for (int c = 0; c < columns.size(); c++) readers.add(new ConcurrentLinkedQueue<>());
    }

    public long[] columnSums() {
        List<Future<Long>> partials = new ArrayList<>();
        for (int g = 0; g < firstPositions.length; g++) {
            for (int c = 0; c < columns.size(); c++) {
                int rowGroup = g;
                int column = c;
                partials.add(pool.submit(() -> foldChunk(rowGroup, column)));
            }
        }
        long[] sums = new long[columns.size()];
        try {
            for (int i = 0; i < partials.size(); i++) sums[i % columns.size()] += partials.get(i).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning " + file, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scanning " + file + " failed", e.getCause());
        }
        return sums;
    }

    public long checksum() {
        return Fold.combine(columnSums());
    }

    private long foldChunk(int rowGroup, int column) {
        ParquetReader reader = borrow(column);
        try (RowGroupBatch batch = reader.readRowGroup(rowGroup)) {
            return PqfluxScan.fold(batch.columns().getFirst(), firstPositions[rowGroup][column]);
        } finally {
            readers.get(column).add(reader);
        }
    }

    private ParquetReader borrow(int column) {
        ParquetReader reader = readers.get(column).poll();
        if (reader != null) return reader;
        reader = ParquetReader.open(file, ReadOptions.defaults().withColumns(List.of(String.join(".", columns.get(column).path()))));
        opened.add(reader);
        return reader;
    }

    /** Closes the pooled readers; the executor belongs to the caller. */
    @Override
    public void close() {
        opened.forEach(ParquetReader::close);
        opened.clear();
    }
}
