package io.pqflux.bench.scan;

import io.pqflux.bench.checksum.Fold;
import io.pqflux.bench.scan.ColumnAggregates.Accumulator;
import io.pqflux.column.ColumnVector;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.schema.ColumnDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Reads every leaf with pqflux chunk by chunk: one task per (row group, column) that decodes the chunk into a
 * {@link io.pqflux.column.ColumnVector}, folds it and releases it, so a thread holds one decoded chunk at a time
 * (pooled memory is reused from chunk to chunk) and even a file with a single row group keeps every thread busy.
 * With a direct executor ({@code Runnable::run}) it is the single-threaded scan; with a pool, the all-cores one.
 * Each column has its own reader projected to it (opened on first need, reused across scans). Each task folds
 * into its own partial sum at its column's position; the partials are added per column, exact in any order.
 */
public final class PqfluxChunkScan implements AutoCloseable {

    private final Path file;
    private final Executor executor;
    private final List<ColumnDescriptor> columns;
    /** Entry position of each (row group, column) chunk's first entry within its column. */
    private final long[][] firstPositions;
    /** The (row group, column) chunks, largest first, so the last tasks to start are the short ones. */
    private final List<int[]> chunksLargestFirst = new ArrayList<>();
    private final List<ConcurrentLinkedQueue<ParquetReader>> readers = new ArrayList<>();
    private final ConcurrentLinkedQueue<ParquetReader> opened = new ConcurrentLinkedQueue<>();

    public PqfluxChunkScan(Path file, Executor executor) {
        this.file = file;
        this.executor = executor;
        List<RowGroup> rowGroups;
        try (ParquetReader reader = ParquetReader.open(file)) {
            this.columns = reader.projectedColumns();
            rowGroups = reader.metaData().rowGroups();
        }
        this.firstPositions = new long[rowGroups.size()][columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            long position = 0;
            for (int g = 0; g < rowGroups.size(); g++) {
                firstPositions[g][c] = position;
                position += chunk(rowGroups, g, c).numValues();
                chunksLargestFirst.add(new int[] {g, c});
            }
        }
        chunksLargestFirst.sort(Comparator.comparingLong((int[] gc) -> chunk(rowGroups, gc[0], gc[1]).totalUncompressedSize()).reversed());
        for (int c = 0; c < columns.size(); c++) readers.add(new ConcurrentLinkedQueue<>());
    }

    private ColumnMetaData chunk(List<RowGroup> rowGroups, int rowGroup, int column) {
        return rowGroups.get(rowGroup).columns().get(columns.get(column).index()).metaData();
    }

    public long[] columnSums() {
        long[] sums = new long[columns.size()];
        eachChunk((vector, rowGroup, column) -> PqfluxScan.fold(vector, firstPositions[rowGroup][column]),
                (column, partial) -> sums[column] += partial);
        return sums;
    }

    public long checksum() {
        return Fold.combine(columnSums());
    }

    /** The file's {@link ColumnAggregates}, each chunk aggregated where it is decoded ({@link PqfluxAggregates}). */
    public ColumnAggregates aggregates() {
        List<Accumulator> accumulators = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) accumulators.add(new Accumulator());
        eachChunk((vector, rowGroup, column) -> {
            Accumulator partial = new Accumulator();
            PqfluxAggregates.accumulate(vector, partial);
            return partial;
        }, (column, partial) -> accumulators.get(column).merge(partial));
        return PqfluxAggregates.of(file, columns, accumulators);
    }

    /** What one task makes of a decoded chunk before the vector is released. */
    private interface ChunkTask<T> {
        T apply(ColumnVector vector, int rowGroup, int column);
    }

    /** Runs {@code task} over every chunk on the executor, then hands each result to {@code combine} on this thread. */
    private <T> void eachChunk(ChunkTask<T> task, BiConsumer<Integer, T> combine) {
        List<CompletableFuture<T>> partials = new ArrayList<>(chunksLargestFirst.size());
        for (int[] gc : chunksLargestFirst) {
            partials.add(CompletableFuture.supplyAsync(() -> readChunk(gc[0], gc[1], task), executor));
        }
        try {
            for (int i = 0; i < partials.size(); i++) combine.accept(chunksLargestFirst.get(i)[1], partials.get(i).join());
        } catch (CompletionException e) {
            throw new IllegalStateException("scanning " + file + " failed", e.getCause());
        }
    }

    private <T> T readChunk(int rowGroup, int column, ChunkTask<T> task) {
        ParquetReader reader = borrow(column);
        try (RowGroupBatch batch = reader.readRowGroup(rowGroup)) {
            return task.apply(batch.columns().getFirst(), rowGroup, column);
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
