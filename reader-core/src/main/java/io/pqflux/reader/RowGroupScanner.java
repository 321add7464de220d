package io.pqflux.reader;

import io.pqflux.column.ColumnVector;
import io.pqflux.internal.decode.ColumnBuffers;
import io.pqflux.error.ParquetException;
import io.pqflux.error.ResourceLimitException;
import io.pqflux.error.SourceLocation;
import io.pqflux.internal.filter.BoundPredicate;
import io.pqflux.internal.filter.Match;
import io.pqflux.internal.filter.RowMatcher;
import io.pqflux.internal.plan.ChunkPlan;
import io.pqflux.internal.plan.CoalescingOptions;
import io.pqflux.internal.plan.RowGroupReads;
import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.io.InputFile;
import io.pqflux.nested.NestedBatch;
import io.pqflux.nested.NestedSchema;
import io.pqflux.schema.ColumnDescriptor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads row groups for a {@link ParquetReader}: narrows the rows to decode (requested row range, then the
 * filter's pruning), decodes the projected columns and the columns the filter still has to test for those
 * rows only, evaluates the filter exactly, and counts everything it did in {@link ReadCounters}.
 */
final class RowGroupScanner {

    private final InputFile file;
    private final FileMetaData metaData;
    private final List<ColumnDescriptor> projection;
    private final NestedSchema nestedSchema;
    private final BoundPredicate filter;
    private final ReadOptions options;
    private final DecompressorPool decompressors;
    private final ReadCounters counters = new ReadCounters();
    /** First row of each row group in the file, and the file's row count at the end. */
    private final long[] firstRows;

    /** @param filter the bound filter, or null to read every row */
    RowGroupScanner(InputFile file, FileMetaData metaData, List<ColumnDescriptor> projection, NestedSchema nestedSchema,
                    BoundPredicate filter, ReadOptions options, DecompressorPool decompressors) {
        this.file = file;
        this.metaData = metaData;
        this.projection = projection;
        this.nestedSchema = nestedSchema;
        this.filter = filter;
        this.options = options;
        this.decompressors = decompressors;
        List<RowGroup> rowGroups = metaData.rowGroups();
        this.firstRows = new long[rowGroups.size() + 1];
        for (int g = 0; g < rowGroups.size(); g++) firstRows[g + 1] = firstRows[g] + rowGroups.get(g).numRows();
    }

    ReadMetrics metrics() {
        return counters.snapshot();
    }

    /** The rows of row group {@code index} from {@link ReadOptions#firstRow()} on. */
    RowRanges rowsFromFirstRow(int index) {
        long rowCount = metaData.rowGroups().get(index).numRows();
        return RowRanges.range(Math.clamp(options.firstRow() - firstRows[index], 0, rowCount), rowCount);
    }

    /** Reads {@code requested} rows of row group {@code index}, or those of them the filter lets through. */
    RowGroupBatch read(int index, RowRanges requested) {
        RowGroup rowGroup = metaData.rowGroups().get(index);
        RowGroupChunks chunks = new RowGroupChunks(file, rowGroup, index, metaData.columnOrders(), options, decompressors,
                counters);
        counters.rowGroup(rowGroup.numRows());
        List<ColumnDescriptor> filterColumns = filter == null ? List.of() : columnsOf(filter.leaves());
        for (ColumnDescriptor column : neededColumns(filterColumns)) counters.chunk(chunks.meta(column).totalCompressedSize());
        RowRanges wanted = requested.intersect(RowRanges.all(rowGroup.numRows()));
        if (wanted.isEmpty()) return skipped(index, ReadCounters.Skip.ROW_RANGE);
        RowGroupPruner.Plan plan = filter == null ? new RowGroupPruner.Plan(wanted, Map.of(), null)
                : RowGroupPruner.plan(filter, chunks, wanted);
        if (plan.skip() != null) return skipped(index, plan.skip());
        return decode(chunks, plan, filterColumns);
    }

    private RowGroupBatch decode(RowGroupChunks chunks, RowGroupPruner.Plan plan, List<ColumnDescriptor> filterColumns) {
        RowRanges rows = plan.rows();
        if (rows.rowCount() > Integer.MAX_VALUE - 8) {
            throw new ResourceLimitException("row group declares " + rows.rowCount() + " rows; at most "
                    + (Integer.MAX_VALUE - 8) + " are read at once", new SourceLocation(file.name(), chunks.index(), null, -1));
        }
        int rowCount = (int) rows.rowCount();
        Map<ColumnDescriptor, ColumnVector> vectors = new LinkedHashMap<>();
        try {
            List<ColumnDescriptor> toDecode = new ArrayList<>(projection);
            for (ColumnDescriptor column : filterColumns) {
                if (!toDecode.contains(column) && stillTested(column, plan.decided())) toDecode.add(column);
            }
            readColumns(chunks, toDecode, rows, vectors);
            int[] selection = null;
            if (filter != null) {
                BitSet matches = RowMatcher.matches(filter, rowCount, vectors::get, plan.decided());
                selection = matches.cardinality() == rowCount ? null : matches.stream().toArray();
            }
            List<ColumnVector> projected = new ArrayList<>(projection.size());
            for (ColumnDescriptor column : projection) projected.add(vectors.remove(column));
            vectors.values().forEach(ColumnVector::close);
            vectors.clear();
            counters.rowsScanned(rowCount, selection == null ? rowCount : selection.length);
            int index = chunks.index();
            return new RowGroupBatch(index, rows, projected, selection, () -> nested(index, projected, rowCount));
        } catch (RuntimeException e) {
            vectors.values().forEach(ColumnVector::close);
            throw e;
        }
    }

    /**
     * Decodes {@code columns} into {@code vectors}, as parallel tasks when the options name an executor. What each
     * chunk needs is planned first, so the reads of all of them can be merged ({@link RowGroupReads}). Every task
     * has finished when this returns or throws, so the caller can close whatever was decoded; the first failure is
     * thrown, later ones are attached to it.
     */
    private void readColumns(RowGroupChunks chunks, List<ColumnDescriptor> columns, RowRanges rows,
                             Map<ColumnDescriptor, ColumnVector> vectors) {
        List<ChunkPlan> plans = new ArrayList<>(columns.size());
        for (ColumnDescriptor column : columns) plans.add(ColumnChunkReader.plan(chunks, column, rows));
        Executor executor = options.decodeExecutor();
        boolean parallel = executor != null && columns.size() >= 2;
        try (RowGroupReads reads = new RowGroupReads(file, plans, CoalescingOptions.DEFAULT, parallel)) {
            if (!parallel) {
                for (int i = 0; i < columns.size(); i++) {
                    vectors.put(columns.get(i), ColumnChunkReader.read(chunks, columns.get(i), rows, plans.get(i), reads, i));
                }
                return;
            }
            List<CompletableFuture<ColumnVector>> tasks = new ArrayList<>(columns.size());
            Throwable failure = null;
            try {
                for (int i = 0; i < columns.size(); i++) {
                    int index = i;
                    tasks.add(CompletableFuture.supplyAsync(() -> ColumnChunkReader.read(chunks, columns.get(index), rows,
                            plans.get(index), reads, index), executor));
                }
            } catch (RejectedExecutionException e) {
                failure = e;
            }
            for (int i = 0; i < tasks.size(); i++) {
                try {
                    vectors.put(columns.get(i), tasks.get(i).join());
                } catch (CompletionException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    if (failure == null) failure = cause;
                    else failure.addSuppressed(cause);
                }
            }
            switch (failure) {
                case null -> { }
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failure);
            }
        }
    }

    private RowGroupBatch skipped(int index, ReadCounters.Skip reason) {
        counters.skipped(reason);
        List<ColumnVector> empty = new ArrayList<>(projection.size());
        for (ColumnDescriptor column : projection) empty.add(ColumnBuffers.emptyVector(column));
        return new RowGroupBatch(index, RowRanges.empty(), empty, null, () -> nested(index, empty, 0));
    }

    /** The leaves' nesting structure, checked to describe exactly {@code rowCount} rows. */
    private NestedBatch nested(int index, List<ColumnVector> vectors, long rowCount) {
        SourceLocation where = new SourceLocation(file.name(), index, null, -1);
        try {
            return NestedBatch.of(nestedSchema, vectors, rowCount, where);
        } catch (ParquetException e) {
            throw e.locatedIn(where);
        }
    }

    /** True when some leaf on {@code column} was not decided for the whole row group. */
    private boolean stillTested(ColumnDescriptor column, Map<BoundPredicate.Leaf, Match> decided) {
        for (BoundPredicate.Leaf leaf : filter.leaves()) {
            if (leaf.column().equals(column) && !decided.containsKey(leaf)) return true;
        }
        return false;
    }

    private List<ColumnDescriptor> neededColumns(List<ColumnDescriptor> filterColumns) {
        List<ColumnDescriptor> needed = new ArrayList<>(projection);
        for (ColumnDescriptor column : filterColumns) {
            if (!needed.contains(column)) needed.add(column);
        }
        return needed;
    }

    private static List<ColumnDescriptor> columnsOf(List<BoundPredicate.Leaf> leaves) {
        return leaves.stream().map(BoundPredicate.Leaf::column).distinct().toList();
    }
}
