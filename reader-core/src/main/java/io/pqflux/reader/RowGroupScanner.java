package io.pqflux.reader;

import io.pqflux.column.ColumnVector;
import io.pqflux.internal.decode.ColumnBuffers;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.internal.crypto.FileDecryptor;
import io.pqflux.internal.filter.BoundPredicate;
import io.pqflux.filter.Match;
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
import java.util.List;
import java.util.Map;

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
    /** Skips row groups and pages without filtering rows ({@link ReadOptions#withPruning}); null when there is none. */
    private final BoundPredicate pruning;
    private final ReadOptions options;
    private final DecompressorPool decompressors;
    /** The file's decryption, or null for a plaintext file. */
    private final FileDecryptor decryptor;
    private final ReadCounters counters = new ReadCounters();
    /** First row of each row group in the file, and the file's row count at the end. */
    private final long[] firstRows;

    /**
     * @param filter  the bound filter, or null to read every row
     * @param pruning   the bound pruning-only predicate, or null
     * @param decryptor the file's decryption, or null for a plaintext file
     */
    RowGroupScanner(InputFile file, FileMetaData metaData, List<ColumnDescriptor> projection, NestedSchema nestedSchema,
                    BoundPredicate filter, BoundPredicate pruning, ReadOptions options, DecompressorPool decompressors,
                    FileDecryptor decryptor) {
        this.file = file;
        this.metaData = metaData;
        this.projection = projection;
        this.nestedSchema = nestedSchema;
        this.filter = filter;
        this.pruning = pruning;
        this.options = options;
        this.decompressors = decompressors;
        this.decryptor = decryptor;
        List<RowGroup> rowGroups = metaData.rowGroups();
        this.firstRows = new long[rowGroups.size() + 1];
        for (int g = 0; g < rowGroups.size(); g++) firstRows[g + 1] = firstRows[g] + rowGroups.get(g).numRows();
    }

    ReadMetrics metrics() {
        return counters.snapshot();
    }

    /** The rows of row group {@code index} in {@link ReadOptions#firstRow()} to {@link ReadOptions#endRow()}. */
    RowRanges requestedRows(int index) {
        long rowCount = metaData.rowGroups().get(index).numRows();
        long first = Math.clamp(options.firstRow() - firstRows[index], 0, rowCount);
        long end = Math.clamp(options.endRow() - firstRows[index], first, rowCount);
        return first == end ? RowRanges.empty() : RowRanges.range(first, end);
    }

    /**
     * Reads {@code requested} rows of row group {@code index}, or those of them the filter lets through: the stages
     * of a {@link RowGroupRead} run here, the columns decoded as parallel tasks when the options name an executor.
     */
    RowGroupBatch read(ParquetReader reader, int index, RowRanges requested) {
        try (RowGroupRead read = plan(reader, false, index, requested).sliceWhole()) {
            // the caller asked for parallel decoding: a task per column, however small
            read.decodeColumns(options.decodeExecutor(), 0);
            return read.finish();
        }
    }

    /**
     * Plans the read of {@code requested} rows of row group {@code index}: pruning with the filter (which may read
     * statistics, dictionaries, bloom filters and page indexes), then what each column chunk needs of the file,
     * merged into reads across chunks ({@link RowGroupReads}). The plan's counters count the row group once, however
     * many slices read it.
     *
     * @param staged whether the read is run in stages by the reader's caller, each stage on any thread and taking
     *               the reader's open-lock, or within {@code readRowGroup}, which holds the lock, and decodes on its
     *               thread or on the options' decode executor
     */
    RowGroupPlan plan(ParquetReader reader, boolean staged, int index, RowRanges requested) {
        RowGroup rowGroup = metaData.rowGroups().get(index);
        RowGroupChunks chunks = new RowGroupChunks(file, rowGroup, index, metaData.columnOrders(), options, decompressors,
                counters, decryptor);
        counters.rowGroup(rowGroup.numRows());
        List<ColumnDescriptor> filterColumns = filter == null ? List.of() : columnsOf(filter.leaves());
        for (ColumnDescriptor column : neededColumns(filterColumns)) counters.chunk(chunks.meta(column).totalCompressedSize());
        RowRanges wanted = requested.intersect(RowRanges.all(rowGroup.numRows()));
        if (wanted.isEmpty()) return skipped(reader, staged, chunks, ReadCounters.Skip.ROW_RANGE);
        RowGroupPruner.Plan plan = filter == null ? new RowGroupPruner.Plan(wanted, Map.of(), null)
                : RowGroupPruner.plan(filter, chunks, wanted);
        if (plan.skip() == null && pruning != null) {
            RowGroupPruner.Plan pruned = RowGroupPruner.plan(pruning, chunks, plan.rows());
            plan = new RowGroupPruner.Plan(pruned.rows(), plan.decided(), pruned.skip());
        }
        if (plan.skip() != null) return skipped(reader, staged, chunks, plan.skip());
        RowRanges rows = plan.rows();
        List<ColumnDescriptor> toDecode = new ArrayList<>(projection);
        for (ColumnDescriptor column : filterColumns) {
            if (!toDecode.contains(column) && stillTested(column, plan.decided())) toDecode.add(column);
        }
        List<ChunkPlan> plans = new ArrayList<>(toDecode.size());
        if (!rows.equals(RowRanges.all(rowGroup.numRows()))) chunks.prefetchOffsetIndexes(toDecode);
        for (ColumnDescriptor column : toDecode) plans.add(ColumnChunkReader.plan(chunks, column, rows));
        // a staged read's ranges are fetched concurrently by its caller; readRowGroup reads them one after the other
        // a staged read's stages may each run on another thread (a blocking fetch on an I/O thread, the columns on
        // decode workers, slices of the plan side by side): its fetched bytes must be readable from any of them
        RowGroupReads reads = new RowGroupReads(file, plans, staged ? CoalescingOptions.CONCURRENT : CoalescingOptions.DEFAULT,
                staged || options.decodeExecutor() != null && toDecode.size() >= 2);
        return new RowGroupPlan(reader, staged, this, chunks, rows, false, plan.decided(), toDecode, projection.size(), plans, reads);
    }

    private RowGroupPlan skipped(ParquetReader reader, boolean staged, RowGroupChunks chunks, ReadCounters.Skip reason) {
        counters.skipped(reason);
        return new RowGroupPlan(reader, staged, this, chunks, RowRanges.empty(), true, Map.of(), List.of(), 0, List.of(),
                new RowGroupReads(file, List.of(), CoalescingOptions.DEFAULT, false));
    }

    /**
     * The batch of the decoded {@code columns}, the first {@code projected} of them projected: the filter evaluated
     * exactly over them, the rows counted. The batch holds the projected vectors; the others stay the caller's.
     */
    RowGroupBatch batch(RowGroupChunks chunks, RowRanges rows, Map<BoundPredicate.Leaf, Match> decided,
                        List<ColumnDescriptor> columns, List<ColumnVector> vectors, int projected) {
        int rowCount = (int) rows.rowCount();
        int[] selection = null;
        if (filter != null) {
            BitSet matches = RowMatcher.matches(filter, rowCount, column -> vectors.get(columns.indexOf(column)), decided);
            selection = matches.cardinality() == rowCount ? null : matches.stream().toArray();
        }
        counters.rowsScanned(rowCount, selection == null ? rowCount : selection.length);
        int index = chunks.index();
        List<ColumnVector> batchColumns = List.copyOf(vectors.subList(0, projected));
        return new RowGroupBatch(index, rows, batchColumns, selection, () -> nested(index, batchColumns, rowCount));
    }

    /** The empty batch of a skipped row group. */
    RowGroupBatch skipped(int index) {
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
